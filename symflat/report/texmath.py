"""Statements as printed: splitting them into text and math, vetting the math, escaping the text.

A claim's statement is LaTeX as the paper prints it, written by whoever wrote the claim file, so
it is untrusted input for two renderers:

* LaTeX: raw input could read files (``\\input{/etc/passwd}``), redefine macros or simply not
  compile. :func:`vet_math` therefore accepts a formula only when every control sequence is on a
  whitelist of *math-only* commands that read no file and define nothing, the braces,
  ``\\left``/``\\right`` and environments balance, and every command has its arguments. A
  formula that fails is shown as its source text, escaped (:func:`escape_tex`), never compiled.
* HTML: the page is rendered with autoescaping; the math is typeset in the browser by the KaTeX
  copy shipped with symflat (``trust: false``, so no ``\\href`` or ``\\includegraphics``), and
  only formulas :func:`vet_math` accepted are handed to it. The same formulas are thus typeset in
  both reports, and the same ones are shown as source.

:func:`split_statement` cuts a statement into :class:`Segment` objects: ``text`` runs, inline
``math`` (``$...$`` or ``\\(...\\)``) and ``display`` math (``$$...$$`` or ``\\[...\\]``). A
statement with no delimiters at all is one display formula when it looks like LaTeX math
(a backslash, ``^``, ``_`` or ``=``) and text otherwise.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from symflat.errors import SymflatError
from symflat.exact.polynomial import to_polynomial
from symflat.exact.printing import SHOWN_TERMS, polynomial_latex, prose_math

__all__ = [
    "Segment",
    "polynomial_segments",
    "split_statement",
    "vet_math",
    "escape_tex",
    "MATH_SYMBOLS",
]

#: Control words allowed in math without arguments (symbols, operators, spacing, styles).
MATH_SYMBOLS = frozenset(
    """
    alpha beta gamma delta epsilon varepsilon zeta eta theta vartheta iota kappa lambda mu nu xi
    pi varpi rho varrho sigma varsigma tau upsilon phi varphi chi psi omega Gamma Delta Theta
    Lambda Xi Pi Sigma Upsilon Phi Psi Omega ell hbar imath jmath aleph
    sum prod coprod int iint oint bigcup bigcap bigoplus bigotimes lim limsup liminf sup inf max
    min log ln exp sin cos tan cot sec csc sinh cosh tanh coth arcsin arccos arctan det dim ker
    deg arg gcd Pr bmod
    le leq ge geq ne neq equiv approx sim simeq cong propto to rightarrow leftarrow Rightarrow
    Leftarrow leftrightarrow Leftrightarrow longrightarrow longleftarrow Longrightarrow iff
    implies mapsto gets in notin ni subset subseteq supset supseteq cup cap setminus emptyset
    varnothing forall exists nexists neg lnot land lor wedge vee times cdot div pm mp circ bullet
    star ast oplus otimes odot infty partial nabla ldots cdots vdots ddots dots cdotp colon mid
    parallel perp langle rangle lfloor rfloor lceil rceil lvert rvert lVert rVert vert Vert
    prime ll gg lesssim gtrsim ge geqslant leqslant prec succ preceq succeq uparrow downarrow
    displaystyle textstyle scriptstyle scriptscriptstyle quad qquad over choose limits nolimits
    not top bot angle triangle Box diamond checkmark dagger ddagger rm bf it cal Theta
    varkappa Re Im wp mho nmid nleq ngeq lneq gneq approxeq asymp doteq therefore because
    big Big bigg Bigg bigl bigr Bigl Bigr biggl biggr Biggl Biggr
    """.split()
)

#: Commands with mandatory arguments (their number), arguments in math mode.
_MATH_ARGS = {
    "frac": 2, "dfrac": 2, "tfrac": 2, "binom": 2, "dbinom": 2, "tbinom": 2, "stackrel": 2,
    "sqrt": 1, "mathcal": 1, "mathbf": 1, "mathrm": 1, "mathit": 1, "mathbb": 1, "mathsf": 1,
    "mathfrak": 1, "boldsymbol": 1, "hat": 1, "widehat": 1, "bar": 1, "tilde": 1,
    "widetilde": 1, "vec": 1, "overline": 1, "underline": 1, "dot": 1, "ddot": 1,
    "underbrace": 1, "overbrace": 1, "pmod": 1, "boxed": 1, "overset": 2, "underset": 2,
    "mathop": 1, "overrightarrow": 1, "mod": 1,
}
#: Commands whose single argument is text (checked with the text rules).
_TEXT_ARGS = frozenset({"text", "textbf", "textrm", "textit", "textsf", "mbox", "operatorname"})
_ENVIRONMENTS = frozenset(
    {"matrix", "pmatrix", "bmatrix", "vmatrix", "Vmatrix", "cases", "aligned"}
)
#: Most columns an environment takes (amsmath: cases 2, matrices 10 by default).
_MAX_COLUMNS = {"cases": 2, "matrix": 10, "pmatrix": 10, "bmatrix": 10, "vmatrix": 10,
                "Vmatrix": 10}
#: Control symbols (backslash + one non-letter) allowed in math.
_CONTROL_SYMBOLS = frozenset(",;:!> {}|")
_DELIMITERS = frozenset("()[]|./")
_DELIMITER_WORDS = frozenset(
    {"langle", "rangle", "lvert", "rvert", "lVert", "rVert", "vert", "Vert", "lfloor", "rfloor",
     "lceil", "rceil", "uparrow", "downarrow"}
)
_MATH_CHARS = frozenset(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+-=*/()[]<>,.;:!?'| ~\n\t"
)
_TEXT_ARG_CHARS = re.compile(r"^[A-Za-z0-9 ,.;:!?'()+\-/=]*$")
_MAX_LENGTH = 4000
_MAX_DEPTH = 40


@dataclass(frozen=True)
class Segment:
    """A run of a statement: ``kind`` is ``"text"``, ``"math"`` (inline) or ``"display"``.

    ``safe`` is True for math that :func:`vet_math` accepted (it is typeset), False for math
    shown as its source text; always True for text.
    """

    kind: str
    content: str
    safe: bool = True

    @property
    def is_math(self) -> bool:
        """Whether the segment is a formula (inline or display)."""
        return self.kind != "text"


class _Reject(Exception):
    pass


_TOKEN = re.compile(r"\\([A-Za-z]+)\s*|\\(.)|(.)", re.DOTALL)


def _tokens(text: str) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for match in _TOKEN.finditer(text):
        word, symbol, char = match.groups()
        if word is not None:
            out.append(("cs", word))
        elif symbol is not None:
            out.append(("sym", symbol))
        else:
            out.append(("char", char))
    return out


class _Checker:
    """Recursive-descent check of a token list (see :func:`vet_math`)."""

    def __init__(self, tokens: list[tuple[str, str]]) -> None:
        self.tokens = tokens
        self.pos = 0

    def peek(self) -> tuple[str, str] | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def take(self) -> tuple[str, str]:
        token = self.peek()
        if token is None:
            raise _Reject("unexpected end")
        self.pos += 1
        return token

    def skip_spaces(self) -> None:
        while (token := self.peek()) is not None and token[0] == "char" and token[1].isspace():
            self.pos += 1

    def run(self) -> None:
        self.sequence(depth=0, closer=None, env=None)
        if self.peek() is not None:
            raise _Reject("unbalanced '}'")

    def sequence(self, depth: int, closer: str | None, env: str | None) -> None:
        """Atoms until ``closer`` (``"}"``, ``"right"``, ``"end"``, ``"]"``) or the end."""
        if depth > _MAX_DEPTH:
            raise _Reject("nested too deeply")
        seen_over = False
        scripts: set[str] = set()
        columns = 0
        while True:
            token = self.peek()
            if token is None:
                if closer is not None:
                    raise _Reject(f"missing {closer}")
                return
            kind, value = token
            if kind == "char" and value == "}":
                if closer != "}":
                    raise _Reject("unbalanced '}'")
                self.pos += 1
                return
            if kind == "char" and value == "]" and closer == "]":
                self.pos += 1
                return
            if kind == "cs" and value == "right":
                if closer != "right":
                    raise _Reject("\\right without \\left")
                self.pos += 1
                self.delimiter()
                return
            if kind == "cs" and value == "end":
                if closer != "end":
                    raise _Reject("\\end without \\begin")
                self.pos += 1
                if self.environment_name() != env:
                    raise _Reject("mismatched \\end")
                return
            if kind == "char" and value in "^_":
                self.pos += 1
                if value in scripts:
                    raise _Reject("double script")
                scripts.add(value)
                self.argument(depth, script=True)
                continue
            scripts = set()
            self.pos += 1
            if kind == "char":
                if value == "{":
                    self.sequence(depth + 1, "}", None)
                elif value == "&" or (value == "]" and closer != "]"):
                    if value == "&":
                        if env is None:
                            raise _Reject("'&' outside an environment")
                        columns += 1
                        if columns >= _MAX_COLUMNS.get(env, 100):
                            raise _Reject(f"too many columns in {env}")
                elif value not in _MATH_CHARS:
                    raise _Reject(f"character {value!r}")
            elif kind == "sym":
                if value == "\\":
                    if env is None:
                        raise _Reject("'\\\\' outside an environment")
                    columns = 0
                elif value not in _CONTROL_SYMBOLS:
                    raise _Reject(f"control symbol \\{value}")
            else:
                self.command(value, depth, closer)
                if value in ("over", "choose"):
                    if seen_over:
                        raise _Reject("ambiguous \\over")
                    seen_over = True

    def command(self, name: str, depth: int, closer: str | None) -> None:
        if name == "left":
            self.delimiter()
            self.sequence(depth + 1, "right", None)
        elif name == "begin":
            env = self.environment_name()
            if env not in _ENVIRONMENTS:
                raise _Reject(f"environment {env}")
            self.sequence(depth + 1, "end", env)
        elif name in _TEXT_ARGS:
            self.skip_spaces()
            if self.take() != ("char", "{"):
                raise _Reject(f"\\{name} needs a braced argument")
            chars = []
            while (token := self.take()) != ("char", "}"):
                if token[0] != "char":
                    raise _Reject(f"command inside \\{name}")
                chars.append(token[1])
            if not _TEXT_ARG_CHARS.match("".join(chars)):
                raise _Reject(f"character inside \\{name}")
        elif name in _MATH_ARGS:
            self.skip_spaces()
            if name == "sqrt" and self.peek() == ("char", "["):
                self.pos += 1
                self.sequence(depth + 1, "]", None)
            for _ in range(_MATH_ARGS[name]):
                self.argument(depth, script=False)
        elif name in ("big", "Big", "bigg", "Bigg") or (
            name[:-1] in ("big", "Big", "bigg", "Bigg") and name[-1] in "lr"
        ):
            self.delimiter()
        elif name not in MATH_SYMBOLS:
            raise _Reject(f"command \\{name}")

    def argument(self, depth: int, script: bool) -> None:
        self.skip_spaces()
        kind, value = self.take()
        if kind == "char":
            if value == "{":
                self.sequence(depth + 1, "}", None)
            elif value in "}^_&" or value.isspace() or value not in _MATH_CHARS:
                raise _Reject("missing argument")
        elif kind == "sym":
            if value not in _CONTROL_SYMBOLS or value in " ":
                raise _Reject("missing argument")
        elif value in _MATH_ARGS or value in _TEXT_ARGS:
            if script:
                raise _Reject(f"\\{value} as a script needs braces")
            self.command(value, depth, None)
        elif value not in MATH_SYMBOLS or value in ("over", "choose", "left", "right"):
            raise _Reject(f"\\{value} as an argument")

    def delimiter(self) -> None:
        self.skip_spaces()
        kind, value = self.take()
        ok = (
            (kind == "char" and value in _DELIMITERS)
            or (kind == "sym" and value in "{}|")
            or (kind == "cs" and value in _DELIMITER_WORDS)
        )
        if not ok:
            raise _Reject("bad delimiter")

    def environment_name(self) -> str:
        if self.take() != ("char", "{"):
            raise _Reject("environment name")
        name = []
        while (token := self.take()) != ("char", "}"):
            if token[0] != "char" or not token[1].isalpha():
                raise _Reject("environment name")
            name.append(token[1])
        return "".join(name)


def vet_math(formula: str) -> bool:
    """Whether a LaTeX formula is safe and well-formed enough to be typeset.

    Accepted: math-only commands from a whitelist (no file access, no definitions, no
    catcode tricks such as ``^^5c``), balanced braces, ``\\left``/``\\right`` pairs and a few
    matrix-like environments, every command with its arguments, no double scripts.

    Examples
    --------
    >>> vet_math(r"\\prod_{i\\in K}x_{i}=\\lim_{\\beta\\to\\infty}\\sigma\\left[-\\beta\\left(k-"
    ...          r"\\frac{1}{2}-\\sum_{x\\in K}\\,x_{i}\\right)\\right]")
    True
    >>> vet_math(r"\\input{/etc/passwd}"), vet_math(r"x^^5cinput"), vet_math(r"\\frac{1}")
    (False, False, False)
    >>> vet_math(r"{a \\over b}"), vet_math(r"\\left( x"), vet_math("a^b^c")
    (True, False, False)
    """
    if not formula.strip() or len(formula) > _MAX_LENGTH:
        return False
    if any(ord(c) > 126 or (ord(c) < 32 and c not in "\n\t") for c in formula):
        return False
    if re.search(r"[$%#]", formula):
        return False
    try:
        _Checker(_tokens(formula)).run()
    except _Reject:
        return False
    return True


_DELIMITED = re.compile(r"\$\$(.+?)\$\$|\\\[(.+?)\\\]|\$(.+?)\$|\\\((.+?)\\\)", re.DOTALL)
_MATH_MARKS = frozenset("\\^_=<>+*/|{}~")
_EDGE_PUNCT = "()[]\"'.,;:!?"
_ABBREVIATION = re.compile(r"^([A-Za-z]\.)+[A-Za-z]?$")


def split_statement(statement: str, display: bool = True) -> list[Segment]:
    """Cut a statement into text and (vetted) math segments.

    Delimited math (``$...$``, ``\\(...\\)``; display ``$$...$$``, ``\\[...\\]``) is taken as
    marked. A statement without delimiters is read the way the paper's LaTeX is printed
    without its dollar signs: with no prose word at all it is one display formula; otherwise
    the runs of words that carry math (a command, ``^``, ``_``, ``=``, a lone variable) are
    inline formulas and the rest is text. With ``display=False`` (hypotheses, list items) a
    whole-formula statement is an inline formula.

    Examples
    --------
    >>> [(s.kind, s.content, s.safe) for s in split_statement(r"uses $4n$ neurons")]
    [('text', 'uses ', True), ('math', '4n', True), ('text', ' neurons', True)]
    >>> [(s.kind, s.safe) for s in split_statement(r"\\frac{(n+d)!}{n!\\,d!}")]
    [('display', True)]
    >>> [(s.kind, s.content) for s in split_statement(r"a network using 4n=160 neurons.")]
    [('text', 'a network using '), ('math', '4n=160'), ('text', ' neurons.')]
    >>> [(s.kind, s.content) for s in split_statement(r"modestly large \\beta-values suffice")]
    [('text', 'modestly large '), ('math', '\\\\beta'), ('text', '-values suffice')]
    >>> [(s.kind, s.safe) for s in split_statement(r"\\input{/etc/passwd}")]
    [('display', False)]
    >>> split_statement("plain words")
    [Segment(kind='text', content='plain words', safe=True)]
    """
    if not _DELIMITED.search(statement):
        segments = _undelimited(statement)
        if not display:
            segments = [Segment("math", s.content, s.safe) if s.kind == "display" else s
                        for s in segments]
        return segments
    segments: list[Segment] = []
    position = 0
    for match in _DELIMITED.finditer(statement):
        if match.start() > position:
            segments.append(Segment("text", statement[position : match.start()]))
        display = match.group(1) if match.group(1) is not None else match.group(2)
        if display is not None:
            segments.append(Segment("display", display.strip(), vet_math(display)))
        else:
            inline = match.group(3) if match.group(3) is not None else match.group(4)
            segments.append(Segment("math", inline.strip(), vet_math(inline)))
        position = match.end()
    if position < len(statement):
        segments.append(Segment("text", statement[position:]))
    return segments


_SHORT_WORDS = frozenset(
    "of to is as an by if in or on at it be we up so no do us my me he vs eg ie".split()
)


def _prose_start(word: str) -> int | None:
    """Where a word of prose starts (three or more plain letters, or a short English word),
    outside commands and braces; None for a formula such as ``uv``, ``2nk`` or ``\\log n``."""
    depth = 0
    i = 0
    while i < len(word):
        char = word[i]
        if char == "\\":
            i += 1
            while i < len(word) and word[i].isalpha():
                i += 1
            if i < len(word) and not word[i - 1].isalpha():
                i += 1
            continue
        if char == "{":
            depth += 1
        elif char == "}":
            depth = max(0, depth - 1)
        elif depth == 0 and char.isalpha() and (i == 0 or not word[i - 1].isalpha()):
            end = i
            while end < len(word) and word[end].isalpha():
                end += 1
            run = word[i:end]
            if len(run) >= 3 or run.lower() in _SHORT_WORDS:
                return i
            i = end
            continue
        i += 1
    return None


def _classify(word: str) -> str:
    core = word.strip(_EDGE_PUNCT)
    if not core:
        return "text"
    prose = _prose_start(core) is not None
    mathy = any(c in _MATH_MARKS for c in core)
    if prose:
        return "mixed" if mathy else "text"
    if mathy:
        return "math"
    if core in ("a", "A", "I") or _ABBREVIATION.match(core):
        return "text"
    if core.replace(",", "").replace(".", "").isdigit():
        return "number"
    if not any(c.isalnum() for c in core):
        return "number"  # an operator such as "-" between two formulas
    if any(c.isalpha() for c in core):
        return "math"  # single-letter variables, m(u,v), 4n
    return "text"


def _words(text: str) -> list[str]:
    """Split on blanks outside braces."""
    words, current, depth = [], [], 0
    for char in text:
        if char == "{":
            depth += 1
        elif char == "}":
            depth = max(0, depth - 1)
        if char.isspace() and depth == 0:
            if current:
                words.append("".join(current))
                current = []
        else:
            current.append(char)
    if current:
        words.append("".join(current))
    return words


def _peel(island: str) -> tuple[str, str, str]:
    """Move surrounding punctuation and unbalanced brackets of a formula out to the text."""
    lead, trail = "", ""
    changed = True
    while changed and island:
        changed = False
        last = island[-1]
        escaped = len(island) > 1 and island[-2] == "\\"
        if not escaped and (last in '.,;:"' or (last == ")" and island.count("(") <
                                                   island.count(")")) or (
                last == "]" and island.count("[") < island.count("]"))):
            trail = last + trail
            island = island[:-1]
            changed = True
        first = island[:1]
        if first and (first == '"' or (first == "(" and island.count("(") > island.count(")"))
                      or (first == "[" and island.count("[") > island.count("]"))):
            lead += first
            island = island[1:]
            changed = True
    return lead, island, trail


def _undelimited(statement: str) -> list[Segment]:
    words = _words(statement)
    kinds = [_classify(w) for w in words]
    if not words:
        return [Segment("text", statement)]
    if not any(k in ("text", "mixed") for k in kinds):
        text = statement.strip()
        return [Segment("display", text, vet_math(text))]
    pieces: list[tuple[str, str]] = []  # (kind, text) with kind math or text
    for word, kind in zip(words, kinds):
        if kind == "mixed":
            cut = _prose_start(word) or 0
            before, after = word[:cut], word[cut:]
            while before.endswith("-"):
                before, after = before[:-1], "-" + after
            if before:
                pieces.append(("math" if any(c in _MATH_MARKS for c in before) else "text",
                               before))
                pieces.append(("glue", after))
            else:
                pieces.append(("text", word))
        elif kind == "number":
            pieces.append(("math" if pieces and pieces[-1][0] == "math" else "text", word))
        else:
            pieces.append((kind, word))
    segments: list[Segment] = []

    def add_text(text: str) -> None:
        if segments and segments[-1].kind == "text":
            segments[-1] = Segment("text", segments[-1].content + text)
        elif text:
            segments.append(Segment("text", text))

    i = 0
    while i < len(pieces):
        kind, text = pieces[i]
        if kind == "math":
            run = [text]
            while i + 1 < len(pieces) and pieces[i + 1][0] == "math":
                i += 1
                run.append(pieces[i][1])
            lead, formula, trail = _peel(" ".join(run))
            add_text((" " if segments else "") + lead)
            if formula:
                segments.append(Segment("math", formula, vet_math(formula)))
            add_text(trail)
        elif kind == "glue":
            add_text(text)
        else:
            add_text((" " if segments else "") + text)
        i += 1
    return segments


_TEX_SPECIAL = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "$": r"\$",
    "&": r"\&",
    "#": r"\#",
    "^": r"\textasciicircum{}",
    "_": r"\_",
    "%": r"\%",
    "~": r"\textasciitilde{}",
    "<": r"\textless{}",
    ">": r"\textgreater{}",
    "|": r"\textbar{}",
    '"': "''",
    "\n": " ",
    "\r": " ",
    "\t": " ",
}

_GREEK = {
    "α": "alpha", "β": "beta", "γ": "gamma", "δ": "delta", "ε": "epsilon", "ζ": "zeta",
    "η": "eta", "θ": "theta", "ι": "iota", "κ": "kappa", "λ": "lambda", "μ": "mu", "ν": "nu",
    "ξ": "xi", "π": "pi", "ρ": "rho", "σ": "sigma", "ς": "varsigma", "τ": "tau",
    "υ": "upsilon", "φ": "phi", "χ": "chi", "ψ": "psi", "ω": "omega", "Γ": "Gamma",
    "Δ": "Delta", "Θ": "Theta", "Λ": "Lambda", "Ξ": "Xi", "Π": "Pi", "Σ": "Sigma",
    "Φ": "Phi", "Ψ": "Psi", "Ω": "Omega",
}
_UNICODE_MATH = {
    "≤": r"\leq", "≥": r"\geq", "≠": r"\neq", "≈": r"\approx", "∼": r"\sim", "≡": r"\equiv",
    "→": r"\to", "←": r"\leftarrow", "⇒": r"\Rightarrow", "⇔": r"\Leftrightarrow",
    "∞": r"\infty", "∈": r"\in", "∉": r"\notin", "∑": r"\sum", "∏": r"\prod", "∂": r"\partial",
    "·": r"\cdot", "⋅": r"\cdot", "×": r"\times", "±": r"\pm", "∓": r"\mp", "√": r"\surd",
    "…": r"\ldots", "⋯": r"\cdots", "′": r"\prime", "−": "-", "∀": r"\forall", "∃": r"\exists",
    "∩": r"\cap", "∪": r"\cup", "⊂": r"\subset", "⊆": r"\subseteq", "∅": r"\emptyset",
    "ℓ": r"\ell", "≪": r"\ll", "≫": r"\gg", "∝": r"\propto", "⟨": r"\langle", "⟩": r"\rangle",
    "⁻": "^-", "ⁿ": "^n", "ᵏ": "^k", "ᴰ": "^D", "⁺": "^+",
    **{sup: f"^{i}" for i, sup in enumerate("⁰¹²³⁴⁵⁶⁷⁸⁹")},
    **{sub: f"_{i}" for i, sub in enumerate("₀₁₂₃₄₅₆₇₈₉")},
    "ₙ": "_n", "ᵢ": "_i", "ⱼ": "_j", "ₖ": "_k", "½": r"\tfrac12", "∣": "|", "⊗": r"\otimes",
    "∘": r"\circ", "⌈": r"\lceil", "⌉": r"\rceil", "⌊": r"\lfloor", "⌋": r"\rfloor",
    "∧": r"\wedge", "∨": r"\vee", "¬": r"\neg", "∇": r"\nabla", "∫": r"\int", "⊥": r"\perp",
}
_UNICODE_TEXT = {
    "–": "--", "—": "---", "‘": "`", "’": "'", "“": "``", "”": "''", "\u00a0": "~",
    "•": r"\textbullet{}", "°": r"\textdegree{}", "§": r"\S{}", "✓": r"\checkmark{}",
}
_BREAK_AFTER = frozenset("*+,=/)")


def escape_tex(text: object, breakable: bool = False) -> str:
    """Escape any text for LaTeX's text mode: it prints as written, never runs as LaTeX.

    Greek letters and common math symbols become ``\\ensuremath`` commands; other characters
    outside Latin-1 become ``[U+XXXX]``. With ``breakable``, line breaks are allowed after
    ``*+,=/)`` (for long expressions such as ``x1*x2 + lambda**2*x1**3*x2``).

    Examples
    --------
    >>> print(escape_tex(r"\\input{/etc/passwd} & 50% <script>"))
    \\textbackslash{}input\\{/etc/passwd\\} \\& 50\\% \\textless{}script\\textgreater{}
    >>> print(escape_tex("β > D ln 10 ≈ 23"))
    \\ensuremath{\\beta} \\textgreater{} D ln 10 \\ensuremath{\\approx} 23
    """
    out = []
    for char in str(text):
        if char in _TEX_SPECIAL:
            out.append(_TEX_SPECIAL[char])
        elif char in _GREEK:
            out.append(rf"\ensuremath{{\{_GREEK[char]}}}")
        elif char in _UNICODE_MATH:
            out.append(rf"\ensuremath{{{_UNICODE_MATH[char]}}}")
        elif char in _UNICODE_TEXT:
            out.append(_UNICODE_TEXT[char])
        elif ord(char) < 32:
            out.append(" ")
        elif ord(char) < 127:
            out.append(char)
        elif ord(char) < 256 and unicodedata.category(char)[0] in "LN":
            out.append(char)  # Latin-1 letters: fine with utf8 input and T1 fonts
        else:
            out.append(f"[U+{ord(char):04X}]")
        if breakable and char in _BREAK_AFTER:
            out.append(r"\allowbreak{}")
    return "".join(out)


def prose_segments(text: str) -> list[Segment]:
    """Evidence prose as segments: its Python-syntax formulas typeset (when vetted), as LaTeX.

    The cutting is :func:`symflat.exact.printing.prose_math`; every formula it returns is vetted
    here like any other (:func:`vet_math`) before it may be typeset.

    Examples
    --------
    >>> [(s.kind, s.content) for s in prose_segments("gives 3*n neurons")]
    [('text', 'gives '), ('math', '3 n'), ('text', ' neurons')]
    """
    return [Segment("text", content) if kind == "text"
            else Segment("math", content, vet_math(content))
            for kind, content in prose_math(text)]


def polynomial_segments(text: object) -> list[Segment]:
    """A stored polynomial (its text) typeset: one vetted formula, natural order, its leading
    terms only when it is long (:func:`symflat.exact.printing.polynomial_latex`); text that
    is no polynomial stays text.

    Examples
    --------
    >>> [(s.kind, s.content) for s in polynomial_segments("x10*x2**2 + x1")]
    [('math', 'x_{2}^{2} x_{10} + x_{1}')]
    >>> polynomial_segments("not <a> polynomial")[0].kind
    'text'
    """
    try:
        latex = polynomial_latex(to_polynomial(str(text)), shown=SHOWN_TERMS)
    except SymflatError:
        return [Segment("text", str(text))]
    return [Segment("math", latex, vet_math(latex))]


def truncate_segments(segments: list[Segment], limit: int) -> list[Segment]:
    """The first ``limit`` characters of ``segments`` (a formula is kept whole or dropped),
    with an ellipsis where something was cut.

    Examples
    --------
    >>> [s.content for s in truncate_segments(prose_segments("so 3*n neurons in all"), 9)]
    ['so ', '3 n', ' ne…']
    """
    out: list[Segment] = []
    left = limit
    for segment in segments:
        if len(segment.content) <= left:
            out.append(segment)
            left -= len(segment.content)
            continue
        if segment.kind == "text" and left > 0:
            out.append(Segment("text", segment.content[:left] + "…"))
        else:
            out.append(Segment("text", "…"))
        break
    return out
