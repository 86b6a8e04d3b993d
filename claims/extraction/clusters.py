"""Clustering actor candidates: one actor per person or organisation, with its other names.

Full names first; then organisations and places (acronyms wait for their expansions);
then one-word names: surnames, first names and acronyms seen elsewhere in the article.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from operator import attrgetter

from claims.extraction import gazetteer as gz
from claims.extraction import lexicon as lx
from claims.extraction.names import initials, known_type, org_key, place_key
from claims.extraction.table import ActorBuild, ActorTable, Cand

_ACRONYM = re.compile(r"[A-Z][A-Z.]{1,6}")


def cluster(text: str, cands: list[Cand]) -> ActorTable:
    table = ActorTable()
    surnames: dict[str, set[int]] = {}
    firsts: dict[str, set[int]] = {}
    middles: dict[str, set[int]] = {}
    seen: dict[int, list[int]] = {}
    # 1. people with a full name
    for c in cands:
        if c.type != "person":
            continue
        words = c.surface.split()
        if len(words) < 2:
            continue
        key = f"person:{words[0].lower()}|{words[-1].lower()}"
        idx = table.add("person", key, c.surface, c.start, c.end)
        a = table.actors[idx]
        if len(words) > len(a.name.split()):
            a.name = c.surface
        if c.title_form and c.title_form not in a.forms:
            a.forms.append(c.title_form)
        _describe(a, c)
        surnames.setdefault(words[-1], set()).add(idx)
        firsts.setdefault(words[0], set()).add(idx)
        seen.setdefault(idx, []).append(c.start)
        for w in words[1:-1]:
            if w[:1].isupper() and not w.endswith("."):
                middles.setdefault(w, set()).add(idx)
    # 2. organisations and places (acronyms wait for their expansions: IAEA)
    for c in cands:
        if c.type == "organization" and _ACRONYM.fullmatch(c.surface):
            c.type = "acronym"
    org_keys: dict[str, str] = {}  # surface -> key: one organisation is named the same way many times
    for c in cands:
        if c.type == "organization" and c.alias_of is not None:
            host = next((m.actor for m in table.mentions if m.end == c.alias_of), None)
            if host is not None:
                table.mention(host, c.surface, c.start, c.end)
                continue
        if c.type == "organization":
            org = org_keys.get(c.surface)
            if org is None:
                org = org_keys[c.surface] = "org:" + org_key(c.surface)
            table.add("organization", org, c.surface, c.start, c.end)
        elif c.type == "place":
            table.add("place", "place:" + place_key(c.surface), c.surface, c.start, c.end)
    _merge_org_suffixes(table)
    _merge_short_forms(table)
    by_initials: dict[str, int] = {}
    for i, a in enumerate(table.actors):
        if a.type == "organization" and " " in a.name:
            by_initials.setdefault(initials(a.name), i)
    # 3. one-word names: surnames, first names, acronyms
    for c in cands:
        if c.type in ("person", "single", "acronym") and len(c.surface.split()) == 1:
            w = c.surface
            if w in surnames and len(surnames[w]) == 1:
                idx = next(iter(surnames[w]))
            elif w in surnames and 1 < len(surnames[w]) <= 8:  # two Abbases: the one named last
                idx = _named_last(surnames[w], seen, c.start)
            elif w in firsts and len(firsts[w]) == 1 and known_type([w]) is None:
                idx = next(iter(firsts[w]))
            elif w in middles and len(middles[w]) == 1 and known_type([w]) is None and w not in firsts:
                idx = next(iter(middles[w]))
            elif c.type == "acronym":
                idx = _acronym_actor(table, w, c.start, by_initials)
            elif c.type == "person":
                idx = table.find_or_add("person", f"person:|{w.lower()}", w, c.start)
                surnames.setdefault(w, set()).add(idx)
            else:
                continue
            table.mention(idx, w, c.start, c.end)
            a = table.actors[idx]
            if c.title_form and c.title_form not in a.forms:
                a.forms.append(c.title_form)
            _describe(a, c)
    for a in table.actors:
        _edge_case_names(a)
        if a.type == "person" and a.name in lx.OFFICE_HOLDERS:
            a.roles += " | " + lx.OFFICE_HOLDERS[a.name]
        if a.type == "organization" and re.fullmatch(r"[A-Z.]{2,6}", a.name):
            longer = [f for f in a.forms if len(f) > len(a.name) and not re.fullmatch(r"[A-Z.]{2,6}", f)]
            if longer:
                a.name = longer[0]
    table.mentions.sort(key=attrgetter("start"))
    return table


# Possessives that belong to the name: "King's College London", "Children's Hospital"
_NOT_OWNERS = lx.TITLE_WORDS | lx.TITLE_HEADS | lx._words("Children Women Men People Workers Mother Farmers Veterans")
_HONORIFIC_SUFFIXES = lx._words("QC KC MP MEP OBE MBE CBE PhD MD")
_OWNED = re.compile(
    r"^[A-Z][\w\-.]*[’']s ((?:[A-Z][\w\-.’']*|of|for|the|and)(?: (?:[A-Z][\w\-.’']*|of|for|the|and))+)$"
)


def _edge_case_names(a: ActorBuild) -> None:
    """The gold's naming rules: an honorific after a name is no part of it ("Anna Reyes KC"), and an
    organisation named in full after a possessive owner goes without it ("Ruritania's Health Ministry" ->
    "Health Ministry"; "Ruritania's army" keeps it: "army" alone names no one). The longer form stays an alias."""
    words = a.name.split()
    if a.type == "person" and len(words) > 2 and words[-1] in _HONORIFIC_SUFFIXES:
        if a.name not in a.forms:
            a.forms.append(a.name)
        a.name = " ".join(words[:-1])
    elif a.type == "organization":
        m = _OWNED.match(a.name)
        owner = re.split(r"[’']", a.name, maxsplit=1)[0]
        if (
            m
            and owner not in _NOT_OWNERS
            and sum(w[0].isupper() for w in m.group(1).split()) >= 2
            and m.group(1) not in lx.CONTEXT_ORGS
        ):
            if a.name not in a.forms:
                a.forms.append(a.name)
            a.name = m.group(1)


def _named_last(ids: set[int], seen: dict[int, list[int]], pos: int) -> int:
    """The person among ids whose full name was last seen before pos (seen: sorted starts of each
    one's full names; -1 when none is before pos); the first of equals in the set's order, as max()
    gives. Written out, not max() with a key function: it runs for every lone surname that several
    people share."""
    it = iter(ids)
    best = next(it)
    starts = seen[best]
    k = bisect_left(starts, pos)
    best_at = starts[k - 1] if k else -1
    for i in it:
        starts = seen[i]
        k = bisect_left(starts, pos)
        at = starts[k - 1] if k else -1
        if at > best_at:
            best, best_at = i, at
    return best


# Abbreviated titles and the role nouns that take them up later ("Idaho Gov. X ... the governor said")
_TITLE_EXPANSIONS = {
    "gov.": "governor",
    "sen.": "senator",
    "rep.": "representative",
    "gen.": "general",
    "lt.": "lieutenant",
    "col.": "colonel",
    "capt.": "captain",
    "sgt.": "sergeant",
    "prof.": "professor",
    "dr.": "doctor",
    "atty.": "attorney",
    "supt.": "superintendent",
    "insp.": "inspector",
    "det.": "detective",
    "adm.": "admiral",
    "maj.": "major",
}


def _describe(a: ActorBuild, c: Cand) -> None:
    if c.descriptor:
        a.descriptor = a.descriptor or c.descriptor
        low = c.descriptor.lower()
        a.roles += " | " + low
        for abbr, role in _TITLE_EXPANSIONS.items():
            if abbr in low.split():
                a.roles += " | " + role
    a.gender = a.gender or c.gender


_PLACE_EXPANSIONS = gz.PLACES | {"United States", "United Kingdom"}


def _acronym_actor(table: ActorTable, w: str, pos: int, by_initials: dict[str, int]) -> int:
    exp = lx.ACRONYMS.get(w)
    if exp and exp in _PLACE_EXPANSIONS:
        return table.find_or_add("place", "place:" + place_key(w), w, pos)
    if exp:
        return table.find_or_add("organization", "org:" + org_key(exp), w, pos)
    if w in by_initials:
        return by_initials[w]
    return table.find_or_add("organization", "org:" + w.lower(), w, pos)


def _merge_short_forms(table: ActorTable) -> None:
    """'Norvik' is 'Norvik Energy' when one organisation's name opens with it and no place is so named."""
    firsts: dict[str, list[int]] = {}
    singles: list[tuple[int, str]] = []
    for i, a in enumerate(table.actors):
        if a.type != "organization":
            continue
        words = a.key[4:].split()
        if len(words) > 1:
            firsts.setdefault(words[0], []).append(i)
        elif len(words) == 1 and a.name[:1].isupper() and not a.name.isupper():
            singles.append((i, words[0]))
    remap: dict[int, int] = {}
    for i, w in singles:
        hosts = firsts.get(w, [])
        if len(hosts) == 1 and known_type([table.actors[i].name]) is None:
            j = hosts[0]
            host, gone = table.actors[j], table.actors[i]
            host.forms.extend(f for f in gone.forms if f not in host.forms)
            host.first = min(host.first, gone.first)
            gone.type = "merged"
            table.by_key[gone.key] = j
            remap[i] = j
    if remap:
        for m in table.mentions:
            m.actor = remap.get(m.actor, m.actor)


def _merge_org_suffixes(table: ActorTable) -> None:
    """'Security Council' is the 'UN Security Council' when only one organisation ends so."""
    orgs = [(i, tuple(a.key[4:].split())) for i, a in enumerate(table.actors) if a.type == "organization"]
    hosts: dict[tuple[str, ...], set[int]] = {}
    for i, kw in orgs:
        for n in range(2, min(len(kw), 8)):  # names are short; bounded work on hostile text
            hosts.setdefault(kw[-n:], set()).add(i)
    remap: dict[int, int] = {}
    for i, kw in orgs:
        single_ok = len(kw) == 1 and table.actors[i].name in lx.CONTEXT_ORGS
        if single_ok:
            found = {j for j, kj in orgs if len(kj) > 1 and kj[-1] == kw[0]}
        else:
            found = hosts.get(kw, set()) - {i} if len(kw) >= 2 else set()
        if len(found) != 1:
            continue
        j = next(iter(found))
        while j in remap:
            j = remap[j]
        if j == i:
            continue
        remap[i] = j
        host, gone = table.actors[j], table.actors[i]
        host.forms.extend(f for f in gone.forms if f not in host.forms)
        host.first = min(host.first, gone.first)
        gone.type = "merged"
        table.by_key[gone.key] = j
    if remap:
        for m in table.mentions:
            while m.actor in remap:
                m.actor = remap[m.actor]
