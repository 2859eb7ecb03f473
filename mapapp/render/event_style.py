"""What the articles report at a place, in colours and words: map fills, legend, labels.

A place is filled by what was reported there in the window (issue 18): a change
of hands in the colour of the side that holds it after, fighting, a strike, a
statement of who holds it (the side's colour, faint); a place only named keeps
its kind's look (``folium_map.KIND_STYLES``). The outline stays free for the
front line's status (``folium_map.STATUS_STYLES``), so both can be read at once.

The words are shared by the tooltip, the legend, the panel's excerpt labels and
the sentence that sets the articles' account beside a front-line snapshot, so
they say the same thing everywhere. Nothing here escapes: callers put these
words into HTML through ``html.escape`` like any other text.

The kind filter's link value (``events=``) is read and written here too, so a link
says the filter in the words the page uses.

Must not import: folium (``event_layers`` draws), Streamlit.
"""

from __future__ import annotations

from collections.abc import Iterable

from mapapp.model import KINDS, SIDES, Event

CONTROL, FIGHTING, STRIKE, HELD = KINDS
RU, UA = SIDES
NAMED = "named"  # the filter's word for a place named without any event in the window
FILTER_CHOICES = (*KINDS, NAMED)
SIDE_NAMES: dict[str | None, str] = {RU: "Russia", UA: "Ukraine"}
SIDE_ADJECTIVES: dict[str | None, str] = {RU: "Russian", UA: "Ukrainian"}
SIDE_COLOURS: dict[str | None, str] = {RU: "#a50f15", UA: "#08519c"}
NO_SIDE_COLOUR = "#3f3f3f"
KIND_LABELS: dict[str, str] = {CONTROL: "change of control", FIGHTING: "fighting",
                               STRIKE: "strike", HELD: "held (who holds it)", NAMED: "only named"}
# control and held are filled in the side's colour
_FILLS: dict[str | None, str] = {FIGHTING: "#ffd700", STRIKE: "#e7298a"}
_OPACITY: dict[str | None, float] = {CONTROL: 0.9, FIGHTING: 0.85, STRIKE: 0.85, HELD: 0.35}
_VERBS: dict[str | None, str] = {CONTROL: "captured", HELD: "held"}


def event_fill(kind: str | None, side: str | None) -> dict[str, object]:
    """The fill of a place drawn by ``kind`` (``{}`` for none: the kind's own look stays).

    >>> event_fill("control", "RU")
    {'fillColor': '#a50f15', 'fillOpacity': 0.9}
    >>> event_fill(None, None)
    {}
    """
    if kind not in _OPACITY:
        return {}
    colour = _FILLS.get(kind) or SIDE_COLOURS.get(side or "", NO_SIDE_COLOUR)
    return {"fillColor": colour, "fillOpacity": _OPACITY[kind]}


def tooltip_note(kind: str | None, side: str | None) -> str:
    """A few words for the tooltip: what the window's articles report there.

    >>> tooltip_note("control", "UA"), tooltip_note("strike", None)
    ('reported captured by Ukraine', 'strike reported')
    """
    if kind in _VERBS:
        by = f" by {SIDE_NAMES[side]}" if side in SIDE_NAMES else ""
        return f"reported {_VERBS[kind]}{by}" if by or kind == CONTROL else "reported held"
    return f"{kind} reported" if kind in _OPACITY else ""


def legend_items(kinds: Iterable[str], sides: Iterable[tuple[str, str | None]] = (),
                 ) -> list[tuple[str, dict[str, object]]]:
    """Legend entries for the event fills drawn: ``kinds`` present, ``sides`` the
    (kind, side) pairs of control and held drawn (each side gets its colour)."""
    present, pairs = set(kinds), sorted(set(sides), key=lambda p: (KINDS.index(p[0]), p[1] or ""))
    items = []
    for kind, side in pairs:
        if kind in _VERBS and kind in present:
            who = f" by {SIDE_NAMES[side]}" if side in SIDE_NAMES else ""
            word = "Captured" if kind == CONTROL else "Held"
            label = f"{word}{who}" if who or kind == CONTROL else "Held (side not said)"
            items.append((label, _swatch(kind, side)))
    items += [(KIND_LABELS[k].capitalize(), _swatch(k, None)) for k in (FIGHTING, STRIKE)
              if k in present]
    return items


def _swatch(kind: str, side: str | None) -> dict[str, object]:
    return {"color": "#333333", **event_fill(kind, side)}


def event_label(event: Event, fallback_date: str = "") -> str:
    """An excerpt's label: what happened, whose claim, when.

    The claimant is taken to be the side the event credits (a capture is
    claimed by the side that says it took the place): the event says only
    *that* it is one party's unconfirmed claim.

    >>> event_label(Event("control", "RU", True, "2023-01"))
    'Captured by Russia — a claim by the Russian side, 2023-01'
    >>> event_label(Event("strike", None, False, None), "2023-03")
    'Strike, 2023-03'
    """
    if event.kind in _VERBS:
        head = _first_up(tooltip_note(event.kind, event.side).removeprefix("reported "))
        head = head if event.side or event.kind == HELD else "Changed hands"
    else:
        by = {FIGHTING: ", attack by ", STRIKE: " by "}[event.kind]
        head = _first_up(KIND_LABELS[event.kind]) + \
            (f"{by}{SIDE_NAMES[event.side]}" if event.side in SIDE_NAMES else "")
    claim = ""
    if event.claim:
        claim = (f" — a claim by the {SIDE_ADJECTIVES[event.side]} side"
                 if event.side in SIDE_ADJECTIVES else " — a claim")
    when = event.when or fallback_date
    return f"{head}{claim}{', ' + when if when else ''}"


def _first_up(text: str) -> str:
    return text[:1].upper() + text[1:]


def account_words(name: str, holder: str, kind: str, as_of: str, claim: bool) -> str:
    """The articles' account of who holds a town, as a clause.

    >>> account_words("Soledar", "RU", "control", "2023-01", True)
    'The articles report Soledar captured by Russia in 2023-01 (a claim)'
    >>> account_words("Avdiivka", "RU", "control", "2024-02-18", False)
    'The articles report Avdiivka captured by Russia on 2024-02-18'
    """
    verb = _VERBS.get(kind, "held")
    when = f"on {as_of}" if len(as_of) == 10 else f"in {as_of}"  # a day, else a month or year
    return (f"The articles report {name} {verb} by {SIDE_NAMES.get(holder, holder)} {when}"
            f"{' (a claim)' if claim else ''}")


def parse_kinds(value: str) -> tuple[str, ...]:
    """The kinds a link's ``events=`` asks for, in the filter's order; "none" for none.

    >>> parse_kinds("strike,control")
    ('control', 'strike')
    >>> parse_kinds("control,bombs")
    Traceback (most recent call last):
    ...
    ValueError: 'bombs' is not one of control, fighting, strike, held, named
    """
    if value == "none":
        return ()
    words = value.split(",")
    for word in words:
        if word not in FILTER_CHOICES:
            raise ValueError(f"{word!r} is not one of {', '.join(FILTER_CHOICES)}")
    if len(set(words)) != len(words):
        raise ValueError("a kind is named twice")
    return tuple(k for k in FILTER_CHOICES if k in words)


def kinds_token(chosen: tuple[str, ...] | list[str]) -> str:
    """``events=`` for the link ("" when every kind is shown: the default, left out).

    >>> kinds_token(["strike", "control"]), kinds_token([]), kinds_token(FILTER_CHOICES)
    ('control,strike', 'none', '')
    """
    ordered = tuple(k for k in FILTER_CHOICES if k in chosen)
    if ordered == FILTER_CHOICES:
        return ""
    return ",".join(ordered) or "none"
