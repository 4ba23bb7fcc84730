"""The subject of a report a speech verb opens, when it stands between the speaker and an event word.

'أشار X إلى أن الرئيس Y يسعى لتعزيز التعاون مع Z', 'X reported that President Y seeks closer ties with Z': the
event is the report's subject's, not the speaker's (who only tells it). The report opens at a word of morphology.yaml
``speech_complementizers``; its subject is the first actor after it, with nothing but title words between, and no
preposition before it (rulesCV4, b539_03).
"""
from __future__ import annotations

__all__ = ["report_subject"]


def report_subject(scene, speaker, trig):
    """The actor opening the report between ``speaker`` and the trigger ``trig``, or None."""
    view = scene.view
    words = view.grammar.speech_complementizers
    opener = next((k for k in range(speaker.end, trig.start) if view.lows[k] in words), None)
    if opener is None:
        return None
    first = next((m for m in scene.mentions if m.start > opener and m.end <= trig.start), None)
    if first is None or first.intro or first.key == speaker.key or first.entity == speaker.entity:
        return None
    between = range(opener + 1, first.start)
    if any(view.tokens[i].is_word and i not in view.title_tokens for i in between):
        return None
    return first
