"""The upload boxes refuse a file over the person's limit in the browser, not just in the label."""

from __future__ import annotations

import pytest
from app_support import page


@pytest.mark.parametrize("name", ["practice", "review"])
def test_the_upload_box_is_capped_at_the_settings_upload_limit(name, tmp_path, monkeypatch):
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    monkeypatch.delenv("COACH_QUEUE", raising=False)
    (tmp_path / "settings.toml").write_text("max_upload_mb = 37\n")
    at = page(name).run()
    if name == "practice":
        recommended = [b.key for b in at.button if b.key and b.key.startswith("practice_rec_")][0]
        at.button(key=recommended).click().run()
    assert not at.exception, at.exception
    boxes = list(at.get("file_uploader"))
    assert boxes, "no upload box on the page"
    for box in boxes:
        # the box itself says "37MB per file" under it, from this cap (Streamlit's own words)
        assert box.proto.max_upload_size_mb == 37
        # said once, by the box: Practice's help said "Any common audio format, up to 37 MB." beside
        # it, and Review's label "(up to 37 MB)" (1102afff)
        said = f"{box.proto.label} {box.proto.help}"
        assert "37" not in said and "MB" not in said and "format" not in said, said
