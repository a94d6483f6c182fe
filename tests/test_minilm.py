"""coach.analysis.minilm runs all-MiniLM-L6-v2 without sentence-transformers or transformers (they took
about 3 s of every process's start). Its vectors must be theirs: the talking-point threshold and the
filler model were fitted on them. Texts of every shape a batch meets: padded among longer ones, cut
at the length limit, empty, accented, with an emoji, with spaces around."""

from __future__ import annotations

import numpy as np
import pytest

from coach.analysis import minilm, relevance

TEXTS = [
    "I called a meeting with both teams and we agreed on a shared goal.",
    "Um, so, like, we shipped it on time.",
    "",
    "  spaces around  ",
    "Naïve café: “quotes”, an em dash — and an emoji 🙂",
    "word " * 600,  # over both limits (256 and 512 pieces)
    "Short.",
]


@pytest.fixture(scope="module")
def torch_one_thread():
    import torch

    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield torch
    torch.set_num_threads(threads)


def test_the_talking_points_vectors_are_sentence_transformers(torch_one_thread):
    from sentence_transformers import SentenceTransformer

    model = SentenceTransformer(str(minilm.model_dir()), device="cpu")
    theirs = model.encode(TEXTS, batch_size=32, output_value="token_embeddings")
    pieces = model.tokenizer(TEXTS, truncation=True, max_length=model.max_seq_length)["input_ids"]
    ours = relevance.encode_texts(TEXTS)
    for text, mine, vectors, ids in zip(TEXTS, ours, theirs, pieces, strict=True):
        assert mine.pieces == tuple(model.tokenizer.convert_ids_to_tokens(ids)), text
        vectors = vectors.numpy()
        vectors = vectors / np.linalg.norm(vectors, axis=1, keepdims=True).clip(1e-9)
        np.testing.assert_allclose(mine.tokens, vectors, atol=1e-6, err_msg=text)
    assert len(ours[5].pieces) == 256


def test_the_filler_models_vectors_are_transformers_int8(torch_one_thread):
    """The first three layers, int8, each layer's output, as transformers gives them (every_layer is
    what scripts/train_fillers.py reads)."""
    torch = torch_one_thread
    from transformers import AutoModel, AutoTokenizer

    path = str(minilm.model_dir())
    tokenizer = AutoTokenizer.from_pretrained(path)
    theirs = torch.ao.quantization.quantize_dynamic(
        AutoModel.from_pretrained(path, num_hidden_layers=3).eval(), {torch.nn.Linear}, dtype=torch.qint8
    )
    enc = tokenizer(
        TEXTS, return_tensors="pt", padding=True, truncation=True, max_length=512, return_offsets_mapping=True
    )
    read = minilm.pieces(TEXTS, 512)
    assert np.array_equal(read.ids, enc["input_ids"].numpy())
    assert np.array_equal(read.mask, enc["attention_mask"].numpy())
    assert np.array_equal(read.offsets, enc.pop("offset_mapping").numpy())
    with torch.inference_mode():
        expected = theirs(**enc, output_hidden_states=True).hidden_states
        got = minilm.hidden_states(minilm.encoder(3, int8=True), read, every_layer=True)
    assert len(got) == len(expected) == 4
    real = read.mask.astype(bool)
    for mine, vectors in zip(got, expected, strict=True):
        np.testing.assert_allclose(mine.numpy()[real], vectors.numpy()[real], atol=1e-5)
    assert read.lengths[5] == 512


def test_word_pieces_are_the_tokenizers():
    from transformers import AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(str(minilm.model_dir()))
    for text in TEXTS:
        assert minilm.word_pieces(text.lower()) == tokenizer.tokenize(text.lower())
