"""Links in SOPs and hand-written pages, written as they work in the repository.

A link to another SOP (``other-sop.md``), to a program (``../programs/onboarding.yaml``) or to a
file in docs_dir (``../content/files/handbook.pdf``) is checked against the repository and then
rewritten to the page or file that the site publishes. A link to nothing is a diagnostic at its
file and line. A raw-HTML ``href`` or ``src`` (``<a href="…">``, ``<img src="…">``) is a link too:
found, checked and rewritten the same way, so no way of linking escapes the rules of which site
publishes what. Fenced code and inline code are left alone.
"""

from __future__ import annotations

import html
import os
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote

from ..model.diagnostics import Diagnostic
from ..model.project import Project
from ..model.settings import Settings
from ..model.suggest import did_you_mean
from ..store.paths import is_hidden, lies_under, linked_repo_path

__all__ = [
    "Link",
    "LinkIndex",
    "link_index",
    "find_links",
    "check_links",
    "broken_links",
    "links_by_name",
    "link_problems",
    "unsafe_link_diagnostics",
    "rewrite_links",
]

_INLINE = re.compile(
    r"(?P<bang>!?)\[(?P<text>(?:[^\[\]\n]|\[[^\[\]\n]*\])*)\]"
    r"\(\s*(?P<target><[^>\n]*>|[^)\s]+)(?P<title>\s+(?:\"[^\"\n]*\"|'[^'\n]*'))?\s*\)"
)
_REFERENCE = re.compile(r"^(?P<indent> {0,3})\[(?P<label>[^\]\n]+)\]:[ \t]*(?P<target><[^>\n]*>|\S+)", re.M)
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
# An HTML start tag with attributes, and in it a URL a browser follows (href) or loads (src). The
# tags the sanitizer removes whole (see _SCRIPT_TAG) link nothing: they never reach a page.
_HTML_TAG = re.compile(r"<(?!(?:script|iframe|object|embed|style)[\s/>])[a-zA-Z][\w:-]*\s[^<>]*>", re.I)
_HTML_LINK = re.compile(r"""(?<=\s)(?:href|src)\s*=\s*(?P<value>"[^"]*"|'[^']*'|[^\s"'>]+)""", re.I)


@dataclass(frozen=True)
class Link:
    line: int  # 1-based, within the text scanned
    column: int
    start: int  # offset of the target in the text
    end: int
    target: str  # as written (without <> or quotes)
    raw_html: bool = False  # an href or src of an HTML tag, not a Markdown link


def _masked_lines(text: str) -> list[str]:
    """The text's lines with fenced code and inline code replaced by spaces (offsets kept)."""
    out = []
    fence: str | None = None
    for line in text.split("\n"):
        m = _FENCE.match(line)
        if fence is not None:
            if m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence):
                fence = None
            out.append(" " * len(line))
            continue
        if m:
            fence = m.group(1)
            out.append(" " * len(line))
            continue
        out.append(_CODE_SPAN.sub(lambda s: " " * len(s.group(0)), line))
    return out


@lru_cache(maxsize=8192)  # the same SOP text is checked, scanned for images and rewritten
def find_links(text: str) -> tuple[Link, ...]:
    """Every Markdown link (inline or reference definition) and raw-HTML href/src in ``text``."""
    if "[" not in text and "<" not in text:
        return ()
    # Without a backtick or '~~~' there is no code to mask (the usual case: 1,500 SOPs at scale).
    masked = "\n".join(_masked_lines(text)) if "`" in text or "~~~" in text else text
    spans: list[tuple[int, int, str, bool]] = []
    for pattern in (_INLINE, _REFERENCE):
        for m in pattern.finditer(masked):
            start, end = m.span("target")
            target = m.group("target")
            if target.startswith("<") and target.endswith(">"):
                target, start, end = target[1:-1], start + 1, end - 1
            spans.append((start, end, target, False))
    if "<" in masked and "=" in masked:
        for tag in _HTML_TAG.finditer(masked):
            for m in _HTML_LINK.finditer(tag.group(0)):
                start, end = tag.start() + m.start("value"), tag.start() + m.end("value")
                value = m.group("value")
                if value[:1] in "\"'":
                    start, end = start + 1, end - 1
                spans.append((start, end, masked[start:end], True))
    found = []
    for start, end, target, raw_html in spans:
        line_start = masked.rfind("\n", 0, start) + 1
        line = masked.count("\n", 0, line_start) + 1
        found.append(Link(line, start - line_start + 1, start, end, target, raw_html))
    return tuple(sorted(found, key=lambda link: link.start))


@dataclass(frozen=True)
class LinkIndex:
    """What a link may point at: the repository's SOPs, programs and docs_dir files."""

    root: Path
    settings: Settings
    programs: frozenset[str]
    sops: frozenset[str]
    _real_root: str | None = field(default=None, compare=False, repr=False)

    @property
    def sops_dir(self) -> str:
        return self.settings.sops_dir.strip("/")

    @property
    def docs_dir(self) -> str:
        return self.settings.docs_dir.strip("/")

    def _inside(self, repo_path: str) -> bool:
        """Like :func:`trainops.store.paths.is_inside`, with the repository's real path worked out once."""
        real_root = self._real_root
        if real_root is None:
            real_root = os.path.realpath(self.root)
            object.__setattr__(self, "_real_root", real_root)
        return lies_under(os.path.realpath(os.path.join(self.root, repo_path)), real_root)

    def resolve(self, target: str, source_path: str) -> tuple[str | None, str | None]:
        """``(docs_path, None)`` for a link the site publishes, ``(None, message)`` for a broken
        one, ``(None, None)`` for a link to leave as it is (web, mail, anchors, site paths)."""
        answer = self.resolve_by_name(target, source_path)
        if answer is not None:
            return answer
        return self._resolve_on_disk(target, _repo_path(target, source_path))

    def resolve_by_name(self, target: str, source_path: str) -> tuple[str | None, str | None] | None:
        """:meth:`resolve`'s answer when the link's text and the index give it, None when it takes
        asking the disk (a link to a file that is neither an SOP nor a program): a pure function
        of the link, the source's path and the index, which a preview may keep."""
        if not target or target.startswith(("#", "/")) or _SCHEME.match(target):
            return None, None
        repo_path = _repo_path(target, source_path)
        if not repo_path:
            return None, None
        if repo_path == ".." or repo_path.startswith("../"):
            return None, f"link '{target}' points outside the repository"
        if is_hidden(repo_path):  # never published, and never looked up: see store/fingerprint.py
            return None, f"link '{target}' goes to a hidden file or folder, which the site never publishes"
        stem, ext = posixpath.splitext(repo_path)
        folder, name = posixpath.split(stem)
        # The docs paths of an SOP's page and a program's guide are plan.urls.sop_page and .guide;
        # the loader sits below plan, so they are written here too (tests/render/test_urls.py holds
        # the two to the same answer).
        if folder == self.sops_dir and ext == ".md":
            if name in self.sops:
                return f"sops/{name}.md", None
            return None, f"link '{target}' goes to an SOP that does not exist{did_you_mean(name, self.sops)}"
        if self.settings.is_program_file(repo_path):
            if name in self.programs:
                return f"programs/{name}/index.md", None
            return None, f"link '{target}' goes to a program that does not exist{did_you_mean(name, self.programs)}"
        return None

    def _resolve_on_disk(self, target: str, repo_path: str) -> tuple[str | None, str | None]:
        if (self.root / repo_path).exists() and not self._inside(repo_path):
            return None, f"link '{target}' leads outside the repository through a symbolic link; copy the file in"
        docs_prefix = self.docs_dir.rstrip("/") + "/"
        if repo_path.startswith(docs_prefix) or repo_path == self.docs_dir:
            if (self.root / repo_path).exists():
                return posixpath.relpath(repo_path, self.docs_dir), None
            return None, f"link '{target}' goes to a file that does not exist"
        if (self.root / repo_path).exists():
            return None, f"link '{target}' goes to a file the site does not publish; move it into {self.docs_dir}/"
        return None, f"link '{target}' goes to a file that does not exist"


def _repo_path(target: str, source_path: str) -> str:
    """The repository path a relative link names ("" for a link to the page itself: ``?x``)."""
    path = unquote(re.split(r"[#?]", target, maxsplit=1)[0])
    return linked_repo_path(source_path, path) if path else ""


def link_index(project: Project) -> LinkIndex:
    """What a link of the loaded project may point at: its programs, SOPs and docs_dir files."""
    return LinkIndex(project.root, project.settings, frozenset(project.programs), frozenset(project.sops))


# --- links a page may not carry -------------------------------------------------------------------

SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
# Every attribute that holds a URL a browser follows or loads, in raw HTML or Markdown's output.
_URL_ATTRIBUTE = re.compile(
    r"""(?P<lead>\s(?:href|src|srcset|action|formaction|poster|data|xlink:href|background)\s*=\s*)"""
    r"""(?P<value>"[^"]*"|'[^']*'|[^\s"'>]+)""",
    re.I,
)
_IGNORED_IN_SCHEME = re.compile(r"[\x00-\x20\x7f]")  # browsers skip these: "java\tscript:" runs
_RASTER_DATA = re.compile(r"^data:image/(?:png|jpeg|gif|webp)[;,]", re.I)


def is_unsafe_url(value: str, loads: bool = False) -> bool:
    """A URL with a scheme other than http(s) or mailto (``javascript:``, ``data:``, ``file:``,
    ``vbscript:``...), as a browser reads it: entities decoded, blanks and controls skipped.
    ``loads``: the URL is loaded as an image, where an inline raster ``data:`` image is fine."""
    text = _IGNORED_IN_SCHEME.sub("", html.unescape(value))
    if not _SCHEME.match(text):
        return False
    if loads and _RASTER_DATA.match(text):
        return False
    return text.split(":", 1)[0].lower() not in SAFE_SCHEMES


def unsafe_links(text: str) -> list[tuple[int, int, str]]:
    """(line, column, target) of every unsafe link in Markdown text, written as a Markdown link
    or as an HTML attribute."""
    found = [
        (link.line, link.column, link.target)
        for link in find_links(text)
        if not link.raw_html and is_unsafe_url(link.target)  # (raw HTML: the attributes, below)
    ]
    if "=" not in text:  # no HTML attribute at all (most SOPs): nothing more to look at
        return sorted(set(found))
    for m in _URL_ATTRIBUTE.finditer(text):
        value = m.group("value").strip("\"'")
        if is_unsafe_url(value, loads=not m.group("lead").strip().lower().startswith("href")):
            start = m.start("value")
            line_start = text.rfind("\n", 0, start) + 1
            found.append((text.count("\n", 0, start) + 1, start - line_start + 1, value))
    return sorted(set(found))


_SCRIPT_TAG = re.compile(r"<(?P<name>script|iframe|object|embed|style)(?=[\s/>]|$)", re.I | re.M)
# An HTML start tag (not an autolink: its name is followed by a blank, '/' or '>'), or an
# attr_list ("{: .class key=value }" after a paragraph, heading or link).
_TAG_OR_ATTR_LIST = re.compile(r"<[a-zA-Z][\w:-]*(?:\s[^<>]*)?/?>|\{:?[^{}\n]*\}")
_EVENT_ATTRIBUTE = re.compile(r"(?<![\w:.#-])(?P<name>on[a-z]+)\s*=", re.I)


def unsafe_html(text: str) -> list[tuple[int, int, str]]:
    """(line, column, what) of every script tag (script, iframe, object, embed, style) and event
    attribute (``onclick=``, in an HTML tag or an attr_list) in Markdown text, outside code."""
    if "<" not in text and "{" not in text:
        return []
    masked = "\n".join(_masked_lines(text)) if "`" in text or "~~~" in text else text
    found = [(m.start(), f"tag '<{m.group('name').lower()}>'") for m in _SCRIPT_TAG.finditer(masked)]
    if "=" in masked:
        for tag in _TAG_OR_ATTR_LIST.finditer(masked):
            for m in _EVENT_ATTRIBUTE.finditer(tag.group(0)):
                found.append((tag.start() + m.start(), f"attribute '{m.group('name').lower()}'"))
    out = []
    for start, what in sorted(found):
        line_start = masked.rfind("\n", 0, start) + 1
        out.append((masked.count("\n", 0, start) + 1, start - line_start + 1, what))
    return out


def check_links(text: str, source_path: str, index: LinkIndex, first_line: int = 1) -> list[Diagnostic]:
    """A diagnostic for every broken or unsafe link; ``first_line`` is the file line of ``text``'s line 1."""
    links = find_links(text)
    return unsafe_link_diagnostics(text, source_path, first_line) + broken_links(links, source_path, index, first_line)


def unsafe_link_diagnostics(text: str, source_path: str, first_line: int = 1) -> list[Diagnostic]:
    """A warning for every link and every piece of HTML that runs a script a page may not carry
    (a pure function of the text)."""
    found = [
        (
            line,
            column,
            "unsafe-link",
            f"link '{_short(target)}' is left out of the page: links start with "
            "https://, http:// or mailto:, or name a file of the repository",
        )
        for line, column, target in unsafe_links(text)
    ]
    found += [
        (
            line,
            column,
            "unsafe-html",
            f"{what} is left out of the page: a page carries no script, style, frame or embedded object",
        )
        for line, column, what in unsafe_html(text)
    ]
    out = [
        Diagnostic(source_path, line + first_line - 1, column, "warning", rule, message)
        for line, column, rule, message in found
    ]
    return out


def broken_links(links: tuple[Link, ...], source_path: str, index: LinkIndex, first_line: int = 1) -> list[Diagnostic]:
    """An error for every link (of ``find_links``) to something the repository does not have."""
    return link_problems(links_by_name(links, source_path, index), source_path, index, first_line)


# (a link, its problem as far as its name tells, and whether the disk must be asked still)
LinkOutcome = tuple[Link, str | None, bool]


def links_by_name(links: tuple[Link, ...], source_path: str, index: LinkIndex) -> tuple[LinkOutcome, ...]:
    """What :func:`broken_links` finds without asking the disk (unsafe links aside: their own warning)."""
    out = []
    for link in links:
        if is_unsafe_url(link.target):
            continue
        answer = index.resolve_by_name(link.target, source_path)
        out.append((link, None if answer is None else answer[1], answer is None))
    return tuple(out)


def link_problems(
    outcomes: tuple[LinkOutcome, ...], source_path: str, index: LinkIndex, first_line: int = 1
) -> list[Diagnostic]:
    """:func:`broken_links` from :func:`links_by_name`'s outcomes, the disk asked now where needed."""
    out = []
    for link, problem, asks_disk in outcomes:
        if asks_disk:
            _, problem = index.resolve(link.target, source_path)
        if problem:
            out.append(
                Diagnostic(source_path, link.line + first_line - 1, link.column, "error", "broken-link", problem)
            )
    return out


def rewrite_links(
    text: str,
    source_path: str,
    dest_docs_path: str,
    index: LinkIndex,
    published: Callable[[str], bool] | None = None,
    elsewhere: Callable[[str], str | None] | None = None,
    html_address: Callable[[str, str], str] | None = None,
) -> str:
    """``text`` with repository links turned into links between site documents.

    MkDocs turns a Markdown link to a document into the address of its page, but leaves raw HTML
    as it is: a raw-HTML ``href``/``src`` gets ``html_address(dest_docs_path, docs_path)``, the
    address relative to the page's own (:meth:`trainops.plan.urls.Urls.rel`); without it, the
    link is rewritten like a Markdown link.

    A link to a document this site does not publish (``published`` says no: a coordinator's page,
    seen from the learner site) goes to ``elsewhere(docs_path)`` when that gives an address, and is
    otherwise left as its text: a reader never meets a link into a site that is not theirs."""
    pieces = []
    last = 0
    inline: dict[int, re.Match] | None = None
    for link in find_links(text):
        docs_path, _ = index.resolve(link.target, source_path)
        if docs_path is None:
            continue
        suffix = ""
        cut = re.search(r"[#?]", link.target)
        if cut:
            suffix = link.target[cut.start() :]
        if published is None or published(docs_path):
            if link.raw_html and html_address is not None:
                target = html_address(dest_docs_path, docs_path) + suffix
            else:
                target = posixpath.relpath(docs_path, posixpath.dirname(dest_docs_path) or ".") + suffix
        else:
            address = elsewhere(docs_path) if elsewhere else None
            if address is None:
                if inline is None:
                    inline = {m.start("target"): m for m in _INLINE.finditer(text)}
                whole = None if link.raw_html else inline.get(link.start) or inline.get(link.start - 1)  # <target>
                if whole is not None and whole.start() >= last:
                    pieces.append(text[last : whole.start()])
                    pieces.append(whole.group("text"))
                    last = whole.end()
                    continue
                address = "#"  # a reference definition or raw HTML: its text stays, leading nowhere
            target = address + (suffix if address != "#" else "")
        pieces.append(text[last : link.start])
        pieces.append(target)
        last = link.end
    pieces.append(text[last:])
    return "".join(pieces)


def _short(target: str) -> str:
    return target if len(target) <= 40 else target[:37] + "..."
