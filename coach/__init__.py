"""coach: a private, offline interview coach."""

import os

__version__ = "0.1.0"

# ONNX Runtime (under faster-whisper's voice detection and the mock interviewer's voice) keeps usage
# statistics on Linux from 1.29 for sending to Microsoft: a device id and a queue of events (the
# program's path, the model's file name, run times) under ~/.cache/Microsoft, a session file in the
# temporary folder. Its own switch turns all of it off, read once when onnxruntime is first imported,
# so it is set here, before any part of the coach can import it; a worker or test it starts inherits it.
os.environ["ORT_DISABLE_TELEMETRY"] = "1"
