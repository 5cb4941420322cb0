"""Body and closing rules: body size and justification, "./.", "Nơi nhận", archive line, signature."""

from __future__ import annotations

import re

from loa.nd30 import layout as nd30

from .reading import _Par
from .rules import _CheckerBase, _fmt_pt, _where

_RECIPIENTS_RE = re.compile(r"^\s*nơi\s+nhận\s*(?P<colon>:?)", re.IGNORECASE)
_ARCHIVE_ANY_RE = re.compile(r"^[-–•+\s]*lưu\b", re.IGNORECASE)
_ARCHIVE_OK_RE = re.compile(r"^[-–•+\s]*Lưu\s*:\s*VT\b")
_AUTHORITY_RE = re.compile(r"^(TM|KT|Q|TL|TUQ)\.\s")


class _BodyRules(_CheckerBase):
    # --------------------------------------------------------------------------------- body

    def first_section(self) -> list[_Par]:
        for i, par in enumerate(self.pars):
            if par.ends_section:
                return self.pars[: i + 1]
        return self.pars

    def body(self) -> tuple[list[_Par], _Par | None]:
        """Body paragraphs (outside tables, after the header, before "Nơi nhận"), and "Nơi nhận"."""
        pars = self.first_section()
        recipients = next((p for p in pars if _RECIPIENTS_RE.match(p.text)), None)
        end = recipients.index - 1 if recipients else len(pars)
        body = [p for p in pars[self.header_end : end] if p.flat and not p.in_table and not p.in_textbox]
        return body, recipients

    def body_format(self, body: list[_Par]) -> None:
        sizes: list[tuple[str, str]] = []
        justify: list[tuple[str, str]] = []
        for par in body:
            runs = [r for r in par.runs if r.text.strip()]
            if len(par.flat) < 20 or not runs:
                continue
            weights: dict[float, int] = {}
            bold = True
            for run in runs:
                layers = self.styles.rpr_layers(par.el, run.el)
                size = self.styles.size(layers)
                weights[size] = weights.get(size, 0) + len(run.text)
                bold = bold and self.styles.toggle(layers, "b")
            size = max(weights, key=lambda s: weights[s])
            low, high = nd30.BODY_SIZE_RANGE
            if not low <= size <= high:
                sizes.append((f"Cỡ chữ nội dung {_fmt_pt(size)}; quy định 13–14.", _where(par)))
            heading_like = bold or par.flat == par.flat.upper() or par.flat.casefold().startswith("kính gửi")
            if len(par.flat) >= 80 and not heading_like:
                align = self.styles.alignment(par.el)
                if align not in {"both", "distribute"}:
                    names = {
                        "left": "trái",
                        "start": "trái",
                        "right": "phải",
                        "end": "phải",
                        "center": "giữa",
                    }
                    justify.append(
                        (
                            f"Đoạn văn căn {names.get(align, align)}; nội dung phải căn đều hai lề.",
                            _where(par),
                        )
                    )
        self.add_capped("nd30.body_size", sizes)
        self.add_capped("nd30.body_justify", justify)

    def closing(self, body: list[_Par]) -> _Par | None:
        last = None
        for par in reversed(body):
            if par.flat and not par.flat.casefold().startswith("nơi nhận"):
                last = par
                break
        if last is None:
            self.add("nd30.closing", "Văn bản không có phần nội dung.", "Phần nội dung")
        elif not last.flat.endswith("./."):
            self.add("nd30.closing", "Đoạn cuối của nội dung phải kết thúc bằng “./.”.", _where(last))
        return last

    def recipients(self, recipients: _Par | None) -> None:
        pars = self.first_section()
        if recipients is None:
            self.add("nd30.recipients_missing", "Thiếu mục “Nơi nhận:”.", "Cuối văn bản")
        else:
            m = _RECIPIENTS_RE.match(recipients.text)
            if m and not m.group("colon"):
                self.add(
                    "nd30.recipients_missing",
                    "Sau “Nơi nhận” phải có dấu hai chấm (“Nơi nhận:”).",
                    _where(recipients),
                )
        after = pars[recipients.index - 1 :] if recipients else pars
        # The list may be one paragraph per line or one paragraph with line breaks.
        lines = [(par, " ".join(line.split())) for par in after for line in par.text.split("\n")]
        archive = next(((par, line) for par, line in lines if _ARCHIVE_ANY_RE.match(line)), None)
        if archive is None:
            self.add("nd30.archive", "Thiếu dòng lưu văn bản “- Lưu: VT, …”.", "Nơi nhận")
        elif not _ARCHIVE_OK_RE.match(archive[1]):
            self.add(
                "nd30.archive",
                f"Dòng lưu viết “{archive[1]}”; phải là “- Lưu: VT, <chữ viết tắt đơn vị soạn thảo>.”",
                _where(archive[0]),
            )

    def signature(self, last_body: _Par | None) -> None:
        pars = self.first_section()
        start = last_body.index if last_body else 0
        tail = [p for p in pars if p.index > start and p.flat]
        for i, par in enumerate(tail):
            if not _is_title_line(par.flat):
                continue
            for later in tail[i + 1 : i + 14]:
                if _is_name_line(later.flat):
                    return
        self.add(
            "nd30.signature",
            "Không tìm thấy khối chữ ký (chức vụ người ký in hoa và họ tên người ký).",
            "Cuối văn bản",
        )


def _is_title_line(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    if len(letters) < 4 or text != text.upper():
        return False
    return not text.casefold().startswith(("nơi nhận", "kính gửi")) and not text.startswith("-")


def _is_name_line(text: str) -> bool:
    words = text.split()
    if not 2 <= len(words) <= 7 or ":" in text or text.startswith(("-", "(")):
        return False
    return all(w[0].isupper() and w.isalpha() and w[1:] == w[1:].lower() for w in words)
