"""Deterministic synthetic demo waves of the ANNA evaluation (``anna-e1``, ``anna-e2``).

The real interview and telephone data are confidential; this module draws
synthetic respondents from a small generative model calibrated to the published
figures (see ``ANALYSES.md``) and writes them the way survey tools export them:
SoSci-Survey style column names, user-missing codes ("weiß nicht" = 9,
"keine Angabe" = -9), blank cells, a few out-of-range codes and filter
violations, and for wave 2 a CSV as German Excel saves it (semicolon, decimal
comma, UTF-8 with BOM, CRLF).

The model
---------
Wave 2: every respondent has correlated latent resources (multivariate normal):
family time, friend contact, competence, independence, the three close-environment
subscales (conversation partners, expert support, everyday support), social space
and digital affinity. Group effects (single parent, child under 3) shift them; a
latent class ("weak close environment") moves all nine close-environment items
down, holding 47 % of non-single and 27 % of single parents. Ordinal answers are
latent + item noise cut at thresholds. Attributes with published exact counts
(smartphone 185, tablet or PC 155, children in leisure 64, ...) are given to the
persons ranking highest on the relevant latent score, so the counts hold by
construction. Wave 1 works the same way on 24 interviews and 84 session-rating
forms.

Only this module and the files under ``data/raw/anna-*`` name study variables.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import yaml

from . import demomonitoring

__all__ = [
    "SEED",
    "E1_N",
    "E1_N_FORMS",
    "E2_N",
    "E1_WARTS",
    "SRS_WARTS",
    "E2_WARTS",
    "codebook_e1",
    "codebook_e2",
    "generate_e1",
    "generate_e2",
    "to_csv_text",
    "to_yaml_text",
    "main_generate",
]

SEED = 2022
E1_N = 24
E1_N_FORMS = 84
E2_N = 200

#: Warts injected into ``anna-e1/interviews.csv`` (cells).
E1_WARTS: dict[str, int] = {
    "dont_know": 4,  # code 9 on a nein_ja5 item
    "no_answer": 2,  # code -9
    "blank": 3,  # empty cell (item nonresponse)
    "out_of_range": 1,  # a 6 on a 1-5 item
}
#: Warts injected into ``anna-e1/srs.csv`` (cells).
SRS_WARTS: dict[str, int] = {
    "blank": 2,  # a line left unmarked
    "out_of_range": 1,  # 12 on a 0-10 line
}
#: Warts injected into ``anna-e2/responses.csv`` (cells or respondents).
E2_WARTS: dict[str, int] = {
    "dont_know": 40,  # code 9 on the 5-point items
    "no_answer": 30,  # code -9 on the 5-point items
    "blank": 40,  # empty cells on the 5-point items
    "out_of_range": 3,  # 0, 6 or 7 on a 1-5 item
    "impossible_children": 1,  # number of children 25 (range 1-10)
    "filter_messenger": 2,  # a messenger ticked without a smartphone
    "filter_accompany": 2,  # accompany-frequency given although children do not attend
    "max_choices": 1,  # three preferred channels although at most two allowed
}

_E1_LEVEL1_TOP = {"fam_zeit": 16, "staerken": 12, "selbststaendig": 10}
#: Wave 1's close environment, lacking (ANALYSES.md, level 2: trusted contacts, contacts who
#: know about applications, help with childcare): top-box counts of 24, far below wave 2,
#: and no fewer than a shared report's min_cell (5), so that the comparison can show them.
_E1_LEVEL2_TOP = {"vertrauenspersonen": 5, "kontakte_antraege": 5, "hilfe_kinderbetreuung": 5}
_E1_CODED_COUNTS = {
    "themen_wichtig": {1: 10, 2: 8, 3: 7, 4: 5, 5: 5},
    "themen_wunsch": {1: 13, 2: 5, 3: 4, 4: 2, 5: 1},
    "feedback_positiv": {1: 13, 2: 10, 3: 7, 4: 4},
}

# --------------------------------------------------------------------------- codebooks

_NEIN_JA5 = {
    "type": "ordinal",
    "levels": {1: "Nein", 2: "eher nein", 3: "mittel", 4: "eher ja", 5: "Ja"},
    "missing": {9: "weiß nicht"},
    "top_box": [4, 5],
}
_HAEUFIG5 = {
    "type": "ordinal",
    "levels": {1: "nie", 2: "selten", 3: "manchmal", 4: "oft", 5: "sehr oft"},
    "missing": {9: "weiß nicht"},
    "top_box": [4, 5],
}
_JA_NEIN = {"type": "binary", "levels": {0: "nein", 1: "ja"}}

_UMFELD_STEM = "Gibt es in Ihrem Freundes- und Bekanntenkreis viele Personen, "
_UMFELD_ITEMS: dict[str, tuple[str, str]] = {
    # name: (subscale, wording)
    "ohr": ("gespraech", "die ein offenes Ohr für Ihre Probleme haben?"),
    "unterhalten": ("gespraech", "mit denen Sie sich gut unterhalten können?"),
    "zeit_verbringen": ("gespraech", "mit denen Sie gern Ihre Zeit verbringen?"),
    "bewerbung": ("fachlich", "die Ihnen bei einer Bewerbung helfen könnten?"),
    "finanzen": ("fachlich", "die Ihnen bei Fragen zu Ihren Finanzen helfen könnten?"),
    "post_amt": ("fachlich", "die Ihnen helfen könnten, Post vom Amt zu verstehen?"),
    "kinderbetreuung": ("alltag", "die Sie bei der Betreuung der Kinder unterstützen könnten?"),
    "supermarkt": (
        "alltag",
        "die Ihnen etwas vom Supermarkt mitbringen würden, wenn Sie sie darum bitten?",
    ),
    "werkzeug": (
        "alltag",
        "von denen Sie sich Werkzeug oder Geräte für den Haushalt ausleihen könnten?",
    ),
}
_LEVEL1 = {
    "fam_zeit": "Genießen Sie die Zeit mit Ihrer Familie?",
    "freunde_kontakt": "Haben Sie regelmäßig Kontakt zu Freunden und Bekannten?",
    "staerken": "Haben Sie viele Stärken und Fähigkeiten?",
    "selbststaendig": "Sind Sie in Ihrem Alltag selbstständig?",
}
_MESSENGER = {
    "msg_whatsapp": "WhatsApp",
    "msg_telegram": "Telegram",
    "msg_signal": "Signal",
    "msg_facebook": "Facebook Messenger",
    "msg_sonstige": "Sonstige",
}
_MEDIEN = {
    "medien_youtube": "YouTube",
    "medien_facebook": "Facebook",
    "medien_instagram": "Instagram",
    "medien_tiktok": "TikTok",
    "medien_jobcenter": "Homepage des Jobcenters",
}
_PROBLEME = {
    "prob_formulare": "Online-Formulare ausfüllen",
    "prob_hochladen": "Dokumente hochladen oder einscannen",
    "prob_email": "E-Mails schreiben",
    "prob_anmeldung": "Anmelden, Passwörter",
    "prob_internet": "Internetverbindung",
}
_KANAL = {
    "kanal_telefon": "Telefon",
    "kanal_persoenlich": "Persönliches Gespräch vor Ort",
    "kanal_email": "E-Mail",
    "kanal_post": "Brief/Post",
    "kanal_online": "Online-Portal (jobcenter.digital)",
    "kanal_video": "Videoberatung",
}
_HINDERNIS = {
    "hindernis_kosten": "Wie häufig kommt es vor, dass Freizeitaktivitäten zu teuer für Sie sind?",
    "hindernis_erreichbarkeit": (
        "Wie häufig kommt es vor, dass Freizeitaktivitäten für Sie schlecht erreichbar sind? "
        "(zu weit weg, mit dem Bus nicht erreichbar)"
    ),
    "hindernis_zeit": (
        "Wie häufig kommt es vor, dass Freizeitaktivitäten an Tagen oder zu Uhrzeiten "
        "stattfinden, die für Sie nicht passen?"
    ),
}


def _multi(prefix: str, options: Mapping[str, str]) -> dict[str, dict[str, str]]:
    return {
        name: {"label": label, "source": f"{prefix}_{i:02d}"}
        for i, (name, label) in enumerate(options.items(), start=1)
    }


def _battery(
    prefix: str, labels: Mapping[str, str], answers: str, section: str
) -> dict[str, dict[str, str]]:
    """The items of one question battery, read from raw columns PREFIX_01, PREFIX_02, …"""
    return {
        name: {"label": label, "answers": answers, "source": f"{prefix}_{i:02d}",
               "section": section}
        for i, (name, label) in enumerate(labels.items(), start=1)
    }


def codebook_e2() -> dict[str, Any]:
    """Return the codebook of wave 2 (telephone survey) as a plain dict (docs/codebook.md).

    Returns
    -------
    dict
        Ready to be written with :func:`to_yaml_text`.
    """
    variables: dict[str, Any] = {
        "alleinerziehend": {
            "label": "Alleinerziehend",
            "answers": "ja_nein",
            "source": "SD01",
            "section": "stichprobe",
        },
        "kind_u3": {
            "label": "Kind unter 3 Jahren im Haushalt",
            "answers": "ja_nein",
            "source": "SD02",
            "section": "stichprobe",
        },
        "anzahl_kinder": {
            "label": "Anzahl der Kinder",
            "type": "numeric",
            "integer": True,
            "range": [1, 10],
            "source": "SD03_01",
            "section": "stichprobe",
        },
    }
    variables.update(_battery("SE01", _LEVEL1, "nein_ja5", "subjekt"))
    variables["geraete"] = {
        "label": "Welche Endgeräte haben Sie?",
        "type": "multi",
        "options": _multi(
            "DG01",
            {"geraet_smartphone": "Smartphone", "geraet_tablet": "Tablet", "geraet_pc": "PC"},
        ),
        "section": "digital",
    }
    variables["messenger"] = {
        "label": "Welche Messengerdienste nutzen Sie?",
        "type": "multi",
        "options": _multi("DG02", _MESSENGER),
        "filter": "geraet_smartphone == 1",
        "section": "digital",
    }
    variables["medien"] = {
        "label": "Welche digitalen Medien nutzen Sie regelmäßig?",
        "type": "multi",
        "options": _multi("DG03", _MEDIEN),
        "section": "digital",
    }
    variables["probleme"] = {
        "label": (
            "Wir möchten von Ihnen wissen, wo beim Umgang mit digitalen Medien bei Ihnen "
            "Probleme auftreten."
        ),
        "type": "multi",
        "options": _multi("DG04", _PROBLEME),
        "filter": "geraet_tablet == 1 or geraet_pc == 1",
        "section": "digital",
    }
    variables["kontakt_wunsch"] = {
        "label": "Wie würden Sie in Zukunft am liebsten mit dem Jobcenter kommunizieren?",
        "type": "multi",
        "options": _multi("DG05", _KANAL),
        "max_choices": 2,
        "section": "digital",
    }
    umfeld = {name: f"{_UMFELD_STEM}… {wording}" for name, (_, wording) in _UMFELD_ITEMS.items()}
    variables.update(_battery("RU01", umfeld, "nein_ja5", "umfeld"))
    variables.update(
        {
            "freizeit_kinder": {
                "label": (
                    "Nimmt Ihr Kind/ nehmen Ihre Kinder an regelmäßigen Freizeitaktivitäten "
                    "teil? (z.B. Krabbelgruppe, Training vom Sportverein)"
                ),
                "answers": "ja_nein",
                "source": "SR01",
                "section": "sozialraum",
            },
            "begleitung_woche": {
                "label": "Wie oft pro Woche begleiten Sie Ihre Kinder zu solchen Terminen?",
                "type": "numeric",
                "range": [0, 7],
                "source": "SR02_01",
                "filter": "freizeit_kinder == 1",
                "section": "sozialraum",
            },
            "eltern_kennengelernt": {
                "label": (
                    "Haben Sie durch die Freizeitaktivitäten Ihrer Kinder Bekanntschaft mit "
                    "anderen Eltern geschlossen?"
                ),
                "answers": "ja_nein",
                "source": "SR03",
                "filter": "freizeit_kinder == 1",
                "section": "sozialraum",
            },
            "freizeit_eltern_regelmaessig": {
                "label": (
                    "Gibt es in Ihrer eigenen Freizeit Termine, an denen Sie regelmäßig "
                    "teilnehmen? (z.B. Fußballtraining)"
                ),
                "answers": "ja_nein",
                "source": "SR04",
                "section": "sozialraum",
            },
            "online_treffen": {
                "label": (
                    "Treffen Sie sich regelmäßig online mit anderen Personen? "
                    "(z.B. bei Online-Spielen, in Chat-Foren)"
                ),
                "answers": "ja_nein",
                "source": "SR05",
                "section": "sozialraum",
            },
        }
    )
    variables.update(_battery("SR06", _HINDERNIS, "haeufig5", "sozialraum"))
    scales = {}
    for sub, label in (
        ("gespraech", "Gesprächspartner"),
        ("fachlich", "Fachliche Unterstützung"),
        ("alltag", "Unterstützung im Alltag"),
    ):
        scales[f"umfeld_{sub}"] = {
            "label": label,
            "items": [n for n, (s, _) in _UMFELD_ITEMS.items() if s == sub],
            "min_items": 2,
            "section": "umfeld",
        }
    return {
        "instrument": "anna-e2",
        "title": "ANNA – 2. Datenerhebung: Telefonbefragung Leistungsberechtigte (synthetisch)",
        "language": "de",
        "id": "code",
        "missing": {-9: "keine Angabe"},
        "answer_sets": {"nein_ja5": _NEIN_JA5, "haeufig5": _HAEUFIG5, "ja_nein": _JA_NEIN},
        "sections": {
            "stichprobe": "Stichprobe",
            "subjekt": "Ebene 1: Subjektebene",
            "digital": "Ebene 1: Digitale Kompetenz",
            "umfeld": "Ebene 2: Enges Umfeld",
            "sozialraum": "Ebene 3: Sozialraum",
        },
        "variables": variables,
        "derived": {"gruppe": {"label": "Gruppe", "from": ["alleinerziehend", "kind_u3"]}},
        "scales": scales,
        "groupings": {
            "ae": {
                "variable": "alleinerziehend",
                "label": "Alleinerziehende vs. Nicht-Alleinerziehende",
            },
            "u3": {"variable": "kind_u3", "label": "Kinder unter 3 vs. keine Kinder unter 3"},
            "ae_u3": {
                "variables": ["alleinerziehend", "kind_u3"],
                "label": "Alleinerziehend × Kind unter 3",
            },
        },
        "hypotheses": {
            "H1": {
                "text": (
                    "Ressourcen im Sozialraum (regelmäßige eigene Freizeitaktivitäten) hängen "
                    "positiv mit Ressourcen im engen Umfeld zusammen."
                ),
                "x": "freizeit_eltern_regelmaessig",
                "y": ["umfeld_gespraech", "umfeld_fachlich", "umfeld_alltag"],
                "direction": "positive",
                "confirmatory": True,
                "caveat": "Kein Kausalschluss; kleine Teilstichprobe.",
            }
        },
        "splits": {
            "umfeld_schwach": {
                "label": "Schwache Ressourcen im engen Umfeld",
                "scales": ["umfeld_gespraech", "umfeld_fachlich", "umfeld_alltag"],
                "method": "cut",
                "below": 3,
                "by": ["ae"],
            }
        },
    }


_SRS_ITEMS = {
    "srs1": "Ich fühle mich verstanden und respektiert.",
    "srs2": "Wir haben darüber geredet, worüber ich reden wollte.",
    "srs3": "Die Art und Weise des Beraters / der Beraterin passt gut für mich.",
    "srs4": "Insgesamt gesehen bin ich zufrieden mit der heutigen Sitzung.",
}
_E1_BERATUNG = {
    "zeit": ("BG01", "2.1 Haben wir in dem Beratungsgespräch genügend Zeit?"),
    "wichtig_persoenlich": (
        "BG02",
        "2.2 Sprechen wir in dem Beratungsgespräch über die Dinge, die für Sie persönlich "
        "wichtig sind?",
    ),
    "wichtig_kinder": (
        "BG03",
        "2.3 (Kinder) Sprechen wir in dem Beratungsgespräch über die Dinge, die für Ihre "
        "Kinder wichtig sind?",
    ),
    "familie_einbeziehen": (
        "BG04",
        "2.3b Finden Sie, dass Ihre Familienmitglieder stärker in die Beratung mit "
        "einbezogen werden sollten?",
    ),
}
_E1_RESSOURCEN = {
    # name: (source, section, wording)
    "fam_zeit": ("RS01", "subjekt", "Persönliche Beziehungen: " + _LEVEL1["fam_zeit"]),
    "staerken": ("RS02", "subjekt", "Kompetenz: " + _LEVEL1["staerken"]),
    "selbststaendig": ("RS03", "subjekt", "Selbstständigkeit: " + _LEVEL1["selbststaendig"]),
    "ansprechpartner": (
        "RS04",
        "umfeld",
        "Ansprechpartner: Gibt es in Ihrer Familie oder Ihrem Bekanntenkreis Personen, an die "
        "Sie sich mit Ihren Anliegen wenden können?",
    ),
    "familie_unterstuetzt": (
        "RS05",
        "umfeld",
        "Unterstützt Ihre Familie Sie dabei, diese Ziele zu erreichen/umzusetzen?",
    ),
    "vertrauenspersonen": (
        "RS11",
        "umfeld",
        "Vertrauenspersonen: Gibt es in Ihrem Freundes- und Bekanntenkreis Personen, mit denen "
        "Sie offen über Ihre Anliegen sprechen können?",
    ),
    "kontakte_antraege": (
        "RS12",
        "umfeld",
        "Kontakte, die sich mit Anträgen auskennen: Kennen Sie Personen, die Ihnen bei Anträgen "
        "und Schreiben vom Amt helfen könnten?",
    ),
    "hilfe_kinderbetreuung": (
        "RS13",
        "umfeld",
        "Hilfe bei der Kinderbetreuung: Gibt es Personen, die Sie bei der Betreuung der Kinder "
        "unterstützen könnten?",
    ),
    "mobil": (
        "RS06",
        "sozialraum",
        "Sind Sie im Kreis Warendorf mobil? Können Sie alle wichtigen Orte erreichen?",
    ),
    "angebote": (
        "RS07",
        "sozialraum",
        "Gibt es im Kreis Warendorf viele Bildungs- und Freizeitangebote, die für Sie / für "
        "Ihre Kinder interessant sind?",
    ),
    "arbeitgeber": (
        "RS08",
        "sozialraum",
        "Gibt es im Kreis Warendorf viele Unternehmen und andere Arbeitgeber, die für Sie "
        "interessant sind?",
    ),
    "jobcenter_hilfreich": (
        "RS09",
        "institutionen",
        "Finden Sie, dass das Jobcenter ein hilfreicher Ansprechpartner ist?",
    ),
}


def codebook_e1() -> dict[str, Any]:
    """Return the codebook of wave 1 (structured interviews + session ratings) as a dict.

    Returns
    -------
    dict
        Ready to be written with :func:`to_yaml_text`.
    """
    variables: dict[str, Any] = {
        "alleinerziehend": {
            "label": "Haushaltsform: alleinerziehend",
            "answers": "ja_nein",
            "source": "HH01",
            "section": "stichprobe",
        }
    }
    for name, (src, label) in _E1_BERATUNG.items():
        variables[name] = {
            "label": label,
            "answers": "nein_ja5",
            "source": src,
            "section": "beratung",
        }
    variables["anmerkungen"] = {
        "label": "Anmerkungen/Zusatz",
        "type": "text",
        "source": "BG05",
        "section": "beratung",
    }
    variables["themen_wichtig"] = {
        "label": "2.4 Welches Thema war Ihnen besonders wichtig?",
        "type": "coded",
        "codes": {
            1: "Arbeit & Weiterbildung",
            2: "Themen der Kinder",
            3: "Administrative Aufgaben",
            4: "Wohnung",
            5: "Persönliche Belastungen",
        },
        "source": "OF01",
        "section": "beratung",
    }
    variables["themen_wunsch"] = {
        "label": "2.5 Über welche Themen würden Sie gerne noch sprechen?",
        "type": "coded",
        "codes": {
            1: "Keine weiteren Wünsche",
            2: "Themen der Kinder & Familienangehörigen",
            3: "Arbeit & Ausbildung",
            4: "Administrative Aufgaben",
            5: "Hobbys finden",
        },
        "source": "OF02",
        "section": "beratung",
    }
    variables["feedback_positiv"] = {
        "label": "Positives Feedback für Berater*innen: Was gefällt Ihnen an der Beratung?",
        "type": "coded",
        "codes": {
            1: "Hilfe & tatkräftige Unterstützung",
            2: "Zuhören & Ernstnehmen",
            3: "Engagement",
            4: "Höflichkeit & Freundlichkeit",
        },
        "source": "OF03",
        "section": "beratung",
    }
    variables["ziele_erreicht"] = {
        "label": (
            "Konnten Sie alle Ziele, die Sie in der Beratung erarbeitet haben, erreichen/umsetzen?"
        ),
        "answers": "nein_ja5",
        "source": "ZE01",
        "section": "beratung",
    }
    for name, (src, section, label) in _E1_RESSOURCEN.items():
        variables[name] = {
            "label": label,
            "answers": "nein_ja5",
            "source": src,
            "section": section,
        }
    variables["but_kenntnis"] = {
        "label": (
            "Wissensabfrage: Welche Leistungen können Sie mit der MünsterlandKarte in Anspruch "
            "nehmen? (Anzahl richtig genannter Leistungen)"
        ),
        "type": "numeric",
        "integer": True,
        "range": [0, 6],
        "source": "RS10_01",
        "section": "institutionen",
    }
    return {
        "instrument": "anna-e1",
        "title": (
            "ANNA – 1. Datenerhebung: Strukturierte Interviews mit Teilnehmenden (synthetisch)"
        ),
        "language": "de",
        "id": "code",
        "missing": {-9: "keine Angabe"},
        "answer_sets": {"nein_ja5": _NEIN_JA5, "ja_nein": _JA_NEIN},
        "sections": {
            "stichprobe": "Stichprobe",
            "beratung": "Beratung – Formative Evaluation",
            "subjekt": "Ebene 1: Subjektebene",
            "umfeld": "Ebene 2: Enges Umfeld",
            "sozialraum": "Ebene 3: Sozialraum",
            "institutionen": "Ebene 4: Institutionen",
        },
        "variables": variables,
        "groupings": {
            "ae": {
                "variable": "alleinerziehend",
                "label": "Alleinerziehende vs. Nicht-Alleinerziehende",
            }
        },
        "session_ratings": {
            "raw": "srs.csv",
            "id": "code",
            "date": "datum",
            "rater": "coach",
            "items": dict(_SRS_ITEMS),
            "range": [0, 10],
            "cutoff": 36,
        },
    }


# --------------------------------------------------------------------------- writers


def to_yaml_text(obj: Mapping[str, Any], header: str = "") -> str:
    """Render a codebook dict as deterministic, readable YAML.

    Mappings of plain values are written in flow style (one line per variable),
    nested ones in block style; keys keep their order.

    Parameters
    ----------
    obj : mapping
        Nested dicts/lists of str, int, bool.
    header : str
        Comment lines put on top (without the ``#``).

    Returns
    -------
    str
        YAML text ending with a newline.
    """
    lines = [f"# {line}" if line else "#" for line in header.splitlines()]
    body = yaml.safe_dump(obj, default_flow_style=None, allow_unicode=True, sort_keys=False,
                          width=100)
    return "\n".join(lines) + ("\n" if lines else "") + body


def _format_cell(value: Any, decimal: str) -> str:
    if value is None:
        return ""
    if isinstance(value, float | np.floating):
        if np.isnan(value):
            return ""
        if float(value).is_integer():
            return str(int(value))
        return f"{float(value):.1f}".replace(".", decimal)
    if isinstance(value, int | np.integer):
        return str(int(value))
    return str(value)


def _quote(cell: str, sep: str) -> str:
    if any(ch in cell for ch in (sep, '"', "\n", "\r")):
        return '"' + cell.replace('"', '""') + '"'
    return cell


def to_csv_text(
    frame: pd.DataFrame, sep: str = ",", decimal: str = ".", newline: str = "\n"
) -> str:
    """Render a frame as CSV text with fixed number formatting.

    Missing values become empty cells, integral numbers are written without a
    decimal part, other numbers with one decimal (``decimal`` as separator).

    Parameters
    ----------
    frame : DataFrame
        Columns in the order they are written.
    sep, decimal, newline : str
        Field separator, decimal mark and line ending.

    Returns
    -------
    str
    """
    rows = [sep.join(_quote(str(c), sep) for c in frame.columns)]
    for record in frame.itertuples(index=False, name=None):
        rows.append(sep.join(_quote(_format_cell(v, decimal), sep) for v in record))
    return newline.join(rows) + newline


# --------------------------------------------------------------------------- helpers


def _ordinal(latent: np.ndarray, cuts: Sequence[float]) -> np.ndarray:
    """Cut a latent score into ordinal codes 1 .. len(cuts) + 1."""
    return 1 + np.searchsorted(np.asarray(cuts, dtype=float), latent, side="right")


def _top_k(score: np.ndarray, k: int) -> np.ndarray:
    """0/1 indicator of the k highest scores (ties broken by position)."""
    out = np.zeros(len(score), dtype=int)
    out[np.argsort(-score, kind="stable")[:k]] = 1
    return out


def _choose_weighted(
    rng: np.random.Generator, eligible: np.ndarray, k: int, weight: np.ndarray
) -> np.ndarray:
    """0/1 indicator: k persons among ``eligible`` drawn with probability ~ weight."""
    idx = np.flatnonzero(eligible)
    p = weight[idx] / weight[idx].sum()
    chosen = rng.choice(idx, size=k, replace=False, p=p)
    out = np.zeros(len(eligible), dtype=int)
    out[chosen] = 1
    return out


# --------------------------------------------------------------------------- wave 1


def _e1_coded(rng: np.random.Generator, n: int, counts: Mapping[int, int]) -> list[set[int]]:
    """Give each code to exactly ``counts[code]`` persons, everyone at least one code."""
    sets: list[set[int]] = [set() for _ in range(n)]
    for code, k in counts.items():
        load = np.array([len(s) for s in sets], dtype=float)
        weight = 1.0 / (1.0 + 3.0 * load)
        chosen = _choose_weighted(rng, np.ones(n, dtype=bool), k, weight)
        for i in np.flatnonzero(chosen):
            sets[i].add(code)
    # repair: a person without a code takes one over from someone holding several
    for i in range(n):
        if sets[i]:
            continue
        donors = [j for j in range(n) if len(sets[j]) >= 2]
        j = donors[int(rng.integers(len(donors)))]
        code = sorted(sets[j])[int(rng.integers(len(sets[j])))]
        sets[j].discard(code)
        sets[i].add(code)
    return sets


def _e1_wunsch(rng: np.random.Generator, n: int) -> list[set[int]]:
    """Wished-for topics: 'none' (1) excludes other codes; 12 mentions among 11 persons."""
    counts = _E1_CODED_COUNTS["themen_wunsch"]
    persons = rng.permutation(n)
    none, others = persons[: counts[1]], persons[counts[1] :]
    sets: list[set[int]] = [set() for _ in range(n)]
    for i in none:
        sets[i].add(1)
    mentions = [c for c, k in counts.items() if c != 1 for _ in range(k)]
    mentions = [mentions[i] for i in rng.permutation(len(mentions))]
    for person, code in zip(others, mentions, strict=False):
        sets[person].add(code)
    for code in mentions[len(others) :]:
        candidates = [p for p in others if code not in sets[p]]
        sets[candidates[int(rng.integers(len(candidates)))]].add(code)
    return sets


_E1_NOTES = [
    "Termine manchmal zu kurz",
    "Beraterin nimmt sich Zeit, sehr zufrieden",
    "Kinder waren bisher kein Thema",
    "Mann soll mitkommen",
    "mehr Zeit wäre gut, vor allem bei Briefen vom Amt",
    '"alles super"',
]


def _e1_level2(rng: np.random.Generator, umfeld: np.ndarray) -> pd.DataFrame:
    """Wave 1's trusted contacts, contacts who know about applications and help with
    childcare (``RS11``–``RS13``): exact top-box counts (:data:`_E1_LEVEL2_TOP`, by ranking
    the close-environment latent plus noise), the others "Nein" to "mittel"."""
    n = len(umfeld)
    out = {}
    for name, k in _E1_LEVEL2_TOP.items():
        src = _E1_RESSOURCEN[name][0]
        score = umfeld + rng.normal(0, 0.8, n)
        top = _top_k(score, k)
        high = np.where(rng.random(n) < 0.4, 5, 4)
        low = _ordinal(score - np.median(score), [-0.5, 0.3])  # 1..3
        out[src] = np.where(top == 1, high, low)
    return pd.DataFrame(out)


def generate_e1(rng: np.random.Generator, level2: np.random.Generator | None = None
                ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Draw wave 1: 24 structured interviews and 84 session-rating forms.

    Parameters
    ----------
    rng : numpy.random.Generator
    level2 : numpy.random.Generator, optional
        The stream of the three close-environment items added later (``RS11``–``RS13``),
        so that every other column keeps the values ``rng`` gave it before; by default
        ``default_rng([SEED, 1, 2])``.

    Returns
    -------
    interviews, srs : DataFrame
        Raw exports (SoSci-style column names, user-missing codes, warts included);
        ``srs`` has one row per form (code, datum, coach, srs1..srs4).
    """
    n = E1_N
    codes = [f"T1-{i:04d}" for i in range(1, n + 1)]
    ae = np.zeros(n, dtype=int)
    ae[rng.permutation(n)[:13]] = 1
    # latents: satisfaction with counselling, level-1 resources, close environment, space
    cov = np.array(
        [
            [1.0, 0.2, 0.1, 0.1],
            [0.2, 1.0, 0.4, 0.3],
            [0.1, 0.4, 1.0, 0.3],
            [0.1, 0.3, 0.3, 1.0],
        ]
    )
    lat = rng.multivariate_normal(np.zeros(4), cov, size=n)
    satis, subj, umfeld, raum = lat.T
    df = pd.DataFrame({"code": codes, "HH01": ae})
    # counselling design: high satisfaction; family involvement split by household
    df["BG01"] = _ordinal(satis + rng.normal(0, 0.6, n) + 1.3, [-1.5, -0.7, 0.1, 0.8])
    df["BG02"] = _ordinal(satis + rng.normal(0, 0.6, n) + 1.2, [-1.5, -0.7, 0.1, 0.8])
    df["BG03"] = _ordinal(satis + rng.normal(0, 0.8, n) + 0.6, [-1.5, -0.7, 0.1, 0.8])
    df["BG04"] = _ordinal(rng.normal(0, 1.0, n) + 0.5 * (1 - ae), [-0.8, -0.2, 0.4, 1.0])
    notes = np.full(n, np.nan, dtype=object)
    for i, note in zip(rng.permutation(n)[: len(_E1_NOTES)], _E1_NOTES, strict=True):
        notes[i] = note
    df["BG05"] = notes
    for var, src in (
        ("themen_wichtig", "OF01"),
        ("themen_wunsch", "OF02"),
        ("feedback_positiv", "OF03"),
    ):
        if var == "themen_wunsch":
            sets = _e1_wunsch(rng, n)
        else:
            sets = _e1_coded(rng, n, _E1_CODED_COUNTS[var])
        seps = rng.choice([";", ";", ";", ", ", " "], size=n)
        df[src] = [
            str(s).join(str(c) for c in sorted(cs)) for s, cs in zip(seps, sets, strict=True)
        ]
    df["ZE01"] = _ordinal(satis * 0.5 + subj * 0.5 + rng.normal(0, 0.7, n), [-1.2, -0.4, 0.4, 1.2])
    # level 1: exact top-box counts, by ranking; single parents somewhat higher
    for name, src, noise in (
        ("fam_zeit", "RS01", 0.8),
        ("staerken", "RS02", 0.9),
        ("selbststaendig", "RS03", 0.9),
    ):
        score = subj + 0.5 * ae + rng.normal(0, noise, n)
        top = _top_k(score, _E1_LEVEL1_TOP[name])
        high = np.where(rng.random(n) < 0.45, 5, 4)
        low = _ordinal(score - np.median(score), [-0.9, -0.2])  # 1..3
        df[src] = np.where(top == 1, high, low)
    # level 2 lacking, level 3 few offers, level 4 mixed
    df["RS04"] = _ordinal(umfeld + rng.normal(0, 0.6, n), [-0.6, 0.1, 0.7, 1.4])
    df["RS05"] = _ordinal(umfeld + rng.normal(0, 0.7, n), [-0.9, -0.2, 0.5, 1.2])
    df["RS06"] = _ordinal(raum + rng.normal(0, 0.9, n), [-1.0, -0.4, 0.3, 0.9])
    df["RS07"] = _ordinal(raum + rng.normal(0, 0.6, n), [-0.3, 0.4, 1.0, 1.6])
    df["RS08"] = _ordinal(raum + rng.normal(0, 0.7, n), [-0.6, 0.1, 0.8, 1.4])
    df["RS09"] = _ordinal(satis * 0.3 + rng.normal(0, 1.0, n), [-1.0, -0.4, 0.4, 1.0])
    df["RS10_01"] = np.clip(np.round(2.5 + raum + rng.normal(0, 1.0, n)), 0, 6).astype(int)
    df = df.join(_e1_level2(level2 or np.random.default_rng([SEED, 1, 2]), umfeld))
    df = df.astype(
        {c: "float64" for c in df.columns if c.startswith(("BG0", "RS", "ZE")) and c != "BG05"}
    )
    # warts: cells on the 5-point items outside the level-1 top-box items
    pool_cols = [
        "BG01",
        "BG02",
        "BG03",
        "BG04",
        "ZE01",
        "RS04",
        "RS05",
        "RS06",
        "RS07",
        "RS08",
        "RS09",
    ]
    cells = [(r, c) for c in pool_cols for r in range(n)]
    order = rng.permutation(len(cells))
    pos = 0
    for kind, value in (
        ("dont_know", 9),
        ("no_answer", -9),
        ("blank", np.nan),
        ("out_of_range", 6),
    ):
        for k in order[pos : pos + E1_WARTS[kind]]:
            r, c = cells[k]
            df.loc[r, c] = value
        pos += E1_WARTS[kind]
    srs = _e1_srs(rng, codes)
    return df, srs


def _e1_srs(rng: np.random.Generator, codes: list[str]) -> pd.DataFrame:
    """84 session-rating forms: 1-8 per participant, median 3 per calendar week."""
    n = len(codes)
    coach = np.repeat([1, 2, 3, 4], n // 4)[rng.permutation(n)]
    per_person = np.ones(n, dtype=int)
    extra = E1_N_FORMS - n
    while extra:
        i = int(rng.integers(n))
        if per_person[i] < 8 and rng.random() < 0.6 + 0.1 * per_person[i]:
            per_person[i] += 1
            extra -= 1
    # 28 calendar weeks (KW 2 .. KW 29 of 2021), 3 forms each, then shuffled by +-1 pairs
    n_weeks = 28
    per_week = np.full(n_weeks, 3)
    for _ in range(9):
        a, b = rng.choice(n_weeks, size=2, replace=False)
        if per_week[a] > 1 and per_week[b] < 5:
            per_week[a] -= 1
            per_week[b] += 1
    monday0 = pd.Timestamp("2021-01-11")  # Monday of ISO week 2
    slots = [
        monday0 + pd.Timedelta(days=7 * w + int(rng.integers(5)))
        for w in range(n_weeks)
        for _ in range(per_week[w])
    ]
    slots = [slots[i] for i in rng.permutation(len(slots))]
    person_effect = rng.gamma(0.9, 0.4, n)  # distance from the ceiling
    rows = []
    pos = 0
    for i in range(n):
        dates = sorted(slots[pos : pos + per_person[i]])
        pos += per_person[i]
        for d in dates:
            form = rng.gamma(1.0, 0.2)
            items = 10.0 - person_effect[i] - form - rng.exponential(0.12, 4)
            items = np.clip(np.round(items, 1), 0.0, 10.0)
            rows.append([codes[i], d.strftime("%Y-%m-%d"), int(coach[i]), *items])
    srs = pd.DataFrame(rows, columns=["code", "datum", "coach", *_SRS_ITEMS])
    srs = srs.sort_values(["datum", "code"], kind="stable").reset_index(drop=True)
    cells = [(r, c) for c in _SRS_ITEMS for r in range(len(srs))]
    order = rng.permutation(len(cells))
    for k in order[: SRS_WARTS["blank"]]:
        srs.loc[cells[k][0], cells[k][1]] = np.nan
    for k in order[SRS_WARTS["blank"] : SRS_WARTS["blank"] + SRS_WARTS["out_of_range"]]:
        srs.loc[cells[k][0], cells[k][1]] = 12.0
    return srs


# --------------------------------------------------------------------------- wave 2

# latent dimensions of wave 2
_DIMS = ["fam", "friends", "comp", "indep", "gespraech", "fachlich", "alltag", "raum", "digital"]
_CORR = np.array(
    [
        # fam  frnd comp indp gesp fach allt raum dig
        [1.00, 0.30, 0.30, 0.25, 0.20, 0.05, 0.10, 0.10, 0.00],
        [0.30, 1.00, 0.15, 0.10, 0.35, 0.05, 0.15, 0.20, 0.10],
        [0.30, 0.15, 1.00, 0.45, 0.10, 0.05, 0.05, 0.10, 0.20],
        [0.25, 0.10, 0.45, 1.00, 0.05, 0.05, 0.10, 0.05, 0.20],
        [0.20, 0.35, 0.10, 0.05, 1.00, 0.15, 0.30, 0.30, 0.05],
        [0.05, 0.05, 0.05, 0.05, 0.15, 1.00, 0.15, 0.00, 0.10],
        [0.10, 0.15, 0.05, 0.10, 0.30, 0.15, 1.00, 0.30, 0.00],
        [0.10, 0.20, 0.10, 0.05, 0.30, 0.00, 0.30, 1.00, 0.10],
        [0.00, 0.10, 0.20, 0.20, 0.05, 0.10, 0.00, 0.10, 1.00],
    ]
)
_N_AE, _N_AE_U3, _N_NAE_U3 = 90, 25, 35
_WEAK = {1: 24, 0: 52}  # persons in the weak close-environment class: single / non-single
_N_SMARTPHONE, _N_TABLET_OR_PC = 185, 155
_N_FREIZEIT_KINDER = 64
_ELTERN_BY_CLASS = {0: 12, 1: 6}  # own regular leisure: 18 parents, by weak class


def generate_e2(rng: np.random.Generator) -> pd.DataFrame:
    """Draw wave 2: 200 telephone interviews with benefit recipients.

    Parameters
    ----------
    rng : numpy.random.Generator

    Returns
    -------
    DataFrame
        The raw export (SoSci-style column names, numeric codes, user-missing
        codes, blank cells as NaN, warts included), one row per respondent.
    """
    n = E2_N
    ae = np.zeros(n, dtype=int)
    u3 = np.zeros(n, dtype=int)
    perm = rng.permutation(n)
    ae[perm[:_N_AE]] = 1
    u3[perm[:_N_AE_U3]] = 1
    u3[perm[_N_AE : _N_AE + _N_NAE_U3]] = 1
    lat = rng.multivariate_normal(np.zeros(len(_DIMS)), _CORR, size=n)
    z = {d: lat[:, i].copy() for i, d in enumerate(_DIMS)}
    # group effects
    z["friends"] += 1.7 * (ae * u3)
    z["gespraech"] += 0.4 * u3
    z["fachlich"] += 0.35 * ae
    z["alltag"] += 0.25 * ae
    # the weak close-environment class, fixed shares within single / non-single parents
    env = (z["gespraech"] + z["fachlich"] + z["alltag"]) / 3 + rng.normal(0, 0.8, n)
    weak = np.zeros(n, dtype=int)
    for group, k in _WEAK.items():
        idx = np.flatnonzero(ae == group)
        weak[idx[np.argsort(env[idx], kind="stable")[:k]]] = 1
    # number of children: at least one; more with a child under 3 present
    kids = 1 + rng.poisson(0.9 + 0.4 * u3, n)
    kids = np.minimum(kids, 8)

    df = pd.DataFrame({"code": [f"T2-{i:04d}" for i in range(1, n + 1)]})
    df["SD01"] = ae
    df["SD02"] = u3
    df["SD03_01"] = kids
    # level 1
    cuts = [-1.9, -1.1, -0.3, 0.5]
    df["SE01_01"] = _ordinal(z["fam"] + rng.normal(0, 0.5, n) + 1.2, cuts)
    df["SE01_02"] = _ordinal(z["friends"] + rng.normal(0, 0.5, n) - 0.3, cuts)
    df["SE01_03"] = _ordinal(z["comp"] + rng.normal(0, 0.5, n) + 0.8, cuts)
    df["SE01_04"] = _ordinal(z["indep"] + rng.normal(0, 0.5, n) + 1.0, cuts)
    # digital devices: exact counts by ranking digital affinity
    dig = z["digital"] + rng.normal(0, 0.5, n)
    smart = _top_k(dig + rng.normal(0, 0.7, n), _N_SMARTPHONE)
    tab_or_pc = _top_k(dig + rng.normal(0, 0.7, n), _N_TABLET_OR_PC)
    kind = rng.choice(3, size=n, p=[0.28, 0.34, 0.38])  # tablet only / pc only / both
    df["DG01_01"] = smart
    df["DG01_02"] = np.where(tab_or_pc == 1, (kind != 1).astype(int), 0)
    df["DG01_03"] = np.where(tab_or_pc == 1, (kind != 0).astype(int), 0)
    # messengers, asked of smartphone owners only (blank otherwise)
    w = np.exp(dig)
    msg_counts = {
        "msg_whatsapp": 181,
        "msg_telegram": 9,
        "msg_signal": 5,
        "msg_facebook": 14,
        "msg_sonstige": 3,
    }
    for i, k in enumerate(msg_counts.values(), start=1):
        col = _choose_weighted(rng, smart == 1, k, w).astype(float)
        col[smart == 0] = np.nan
        df[f"DG02_{i:02d}"] = col
    # media used (everyone)
    med_counts = {
        "medien_youtube": 128,
        "medien_facebook": 111,
        "medien_instagram": 74,
        "medien_tiktok": 33,
        "medien_jobcenter": 131,
    }
    for i, k in enumerate(med_counts.values(), start=1):
        df[f"DG03_{i:02d}"] = _choose_weighted(rng, np.ones(n, dtype=bool), k, w)
    # access problems, asked of tablet/PC users: the exception
    prob_rate = [0.12, 0.10, 0.06, 0.09, 0.07]
    low_dig = np.exp(-dig)
    for i, p in enumerate(prob_rate, start=1):
        pr = np.clip(p * low_dig / low_dig[tab_or_pc == 1].mean(), 0, 0.9)
        col = (rng.random(n) < pr).astype(float)
        col[tab_or_pc == 0] = np.nan
        df[f"DG04_{i:02d}"] = col
    # preferred channel: one or two answers
    chan_w = np.array([0.30, 0.30, 0.18, 0.08, 0.10, 0.04])
    chan = np.zeros((n, len(chan_w)), dtype=int)
    for r in range(n):
        k = 2 if rng.random() < 0.55 else 1
        chan[r, rng.choice(len(chan_w), size=k, replace=False, p=chan_w)] = 1
    for i in range(len(chan_w)):
        df[f"DG05_{i + 1:02d}"] = chan[:, i]
    # level 2: nine items, three subscales; the weak class sits far lower
    offsets = {"gespraech": 1.1, "fachlich": 0.15, "alltag": 0.55}
    shift = -2.6 * weak
    for i, (_, (sub, _)) in enumerate(_UMFELD_ITEMS.items(), start=1):
        item = z[sub] * 0.8 + offsets[sub] + shift + rng.normal(0, 0.55, n)
        df[f"RU01_{i:02d}"] = _ordinal(item, cuts)
    # level 3
    raum = z["raum"] + 0.2 * (1 - weak) + rng.normal(0, 0.5, n)
    kinder = _top_k(raum, _N_FREIZEIT_KINDER)
    df["SR01"] = kinder
    acc = rng.choice(
        [0.5, 1, 1.5, 2, 3, 4, 5], size=n, p=[0.06, 0.34, 0.08, 0.27, 0.15, 0.06, 0.04]
    )
    df["SR02_01"] = np.where(kinder == 1, acc, np.nan)
    met = (rng.random(n) < 0.35 + 0.15 * np.tanh(z["gespraech"])).astype(float)
    df["SR03"] = np.where(kinder == 1, met, np.nan)
    # own regular leisure: driven by conversation partners and everyday support
    # (within each close-environment class; the class itself hardly matters)
    eltern_score = z["gespraech"] + z["alltag"] + 0.3 * z["raum"] + rng.normal(0, 0.4, n)
    eltern = np.zeros(n, dtype=int)
    for cls, k in _ELTERN_BY_CLASS.items():
        idx = np.flatnonzero(weak == cls)
        eltern[idx[np.argsort(-eltern_score[idx], kind="stable")[:k]]] = 1
    df["SR04"] = eltern
    df["SR05"] = (rng.random(n) < 0.22 + 0.1 * (dig > 0.5)).astype(int)
    barrier = z["raum"] * -0.3 + rng.normal(0, 0.8, n)
    bcuts = [-1.0, -0.4, 0.2, 0.9]
    df["SR06_01"] = _ordinal(barrier + 0.3, bcuts)
    df["SR06_02"] = _ordinal(barrier - 0.5 + rng.normal(0, 0.5, n), bcuts)
    df["SR06_03"] = _ordinal(barrier - 0.6 + rng.normal(0, 0.5, n), bcuts)
    df = _e2_warts(rng, df)
    return df


def _e2_warts(rng: np.random.Generator, df: pd.DataFrame) -> pd.DataFrame:
    """Inject the counted warts of :data:`E2_WARTS` into the wave-2 raw frame."""
    df = df.copy()
    n = len(df)
    ordinal = [c for c in df.columns if c.startswith(("SE01_", "RU01_", "SR06_"))]
    df[ordinal] = df[ordinal].astype("float64")
    cells = [(r, c) for c in ordinal for r in range(n)]
    order = rng.permutation(len(cells))
    pos = 0
    for kind in ("dont_know", "no_answer", "blank", "out_of_range"):
        for j, k in enumerate(order[pos : pos + E2_WARTS[kind]]):
            r, c = cells[k]
            value = {"dont_know": 9.0, "no_answer": -9.0, "blank": np.nan}.get(
                kind, [7.0, 6.0, 0.0][j % 3]
            )
            df.loc[r, c] = value
        pos += E2_WARTS[kind]
    kids = df["SD03_01"].astype("float64")
    for r in rng.choice(n, size=E2_WARTS["impossible_children"], replace=False):
        kids[r] = 25.0
    df["SD03_01"] = kids
    no_phone = np.flatnonzero(df["DG01_01"].to_numpy() == 0)
    for r in rng.choice(no_phone, size=E2_WARTS["filter_messenger"], replace=False):
        df.loc[r, [f"DG02_{i:02d}" for i in range(1, 6)]] = [1.0, 0.0, 0.0, 0.0, 0.0]
    no_leisure = np.flatnonzero(df["SR01"].to_numpy() == 0)
    for r in rng.choice(no_leisure, size=E2_WARTS["filter_accompany"], replace=False):
        df.loc[r, "SR02_01"] = 1.0
    chan_cols = [f"DG05_{i:02d}" for i in range(1, 7)]
    two = np.flatnonzero(df[chan_cols].sum(axis=1).to_numpy() == 2)
    for r in rng.choice(two, size=E2_WARTS["max_choices"], replace=False):
        free = [c for c in chan_cols if df.loc[r, c] == 0]
        df.loc[r, free[0]] = 1
    return df


# --------------------------------------------------------------------------- driver

_HEADER = (
    "Synthetic demo data generated by survey.demo (seed {seed}); do not edit by hand.\n"
    "Regenerate with `survey demo`. Calibrated to the published figures of the ANNA "
    "evaluation."
)


def _repo_root() -> Path:
    return Path(__file__).resolve().parents[2]


def _write_bytes(path: Path, data: bytes) -> Path:
    from .fileio import atomic_path

    with atomic_path(path) as tmp:
        tmp.write_bytes(data)
    return path


#: The registry entries of the demo waves (``waves.yml`` of a new study folder).
REGISTRY = """\
# Wave registry (docs/registry.md). Relative paths are relative to this file.
# The two anna-* waves are synthetic demo data written by `survey demo` (survey.demo).
title: "ANNA – Evaluation des Modellprojekts (synthetische Demodaten)"  # the index page
waves:
  anna-e1:
    title: "ANNA – 1. Datenerhebung: Strukturierte Interviews mit Teilnehmenden"
    fielded: 2021-04-01/2021-04-30
    raw: data/raw/anna-e1/interviews.csv
    codebook: data/raw/anna-e1/codebook.yml
    notebooks: [01-cleaning, 02-descriptives, 03-group-comparisons, 05-session-ratings]
    parameters: {}
  anna-e2:
    title: "ANNA – 2. Datenerhebung: Telefonbefragung Leistungsberechtigte"
    fielded: 2022-01-10/2022-02-28
    raw: data/raw/anna-e2/responses.csv
    codebook: data/raw/anna-e2/codebook.yml
    notebooks: [01-cleaning, 02-descriptives, 03-group-comparisons, 04-hypotheses]
    parameters: {}
comparison:
  title: "ANNA – Vergleich der Datenerhebungen"
  waves: [anna-e1, anna-e2]
  notebooks: [06-wave-comparison]
  map:   # wave 1's names of wave 2's items (level 2, the close environment)
    anna-e1:
      ansprechpartner: ohr                      # people to turn to: an open ear
      vertrauenspersonen: unterhalten           # trusted contacts: people to talk well with
      kontakte_antraege: post_amt               # know about applications: letters from offices
      hilfe_kinderbetreuung: kinderbetreuung    # help with childcare
"""
#: With the monitoring wave and the programme's projects (:mod:`survey.demomonitoring`).
REGISTRY = demomonitoring.with_monitoring(REGISTRY)


def main_generate(seed: int = SEED, root: Path | None = None) -> list[Path]:
    """Generate both demo waves and write them under ``root/data/raw``.

    Parameters
    ----------
    seed : int
        Seed of :func:`numpy.random.default_rng`; each wave uses its own stream
        (``[seed, 1]`` and ``[seed, 2]``), so changing one leaves the other intact.
    root : Path, optional
        Repository root; defaults to the one this package lives in.

    Returns
    -------
    list of Path
        The files written, in a fixed order; ``root/waves.yml`` with the demo waves'
        entries is written only when there is none yet.
    """
    root = Path(root) if root is not None else _repo_root()
    raw = root / "data" / "raw"
    header = _HEADER.format(seed=seed)
    written: list[Path] = []

    interviews, srs = generate_e1(np.random.default_rng([seed, 1]),
                                  np.random.default_rng([seed, 1, 2]))
    e1 = raw / "anna-e1"
    written.append(_write_bytes(e1 / "interviews.csv", to_csv_text(interviews).encode("utf-8")))
    written.append(_write_bytes(e1 / "srs.csv", to_csv_text(srs).encode("utf-8")))
    written.append(
        _write_bytes(e1 / "codebook.yml", to_yaml_text(codebook_e1(), header).encode("utf-8"))
    )

    responses = generate_e2(np.random.default_rng([seed, 2]))
    e2 = raw / "anna-e2"
    text = to_csv_text(responses, sep=";", decimal=",", newline="\r\n")
    written.append(_write_bytes(e2 / "responses.csv", text.encode("utf-8-sig")))
    written.append(
        _write_bytes(e2 / "codebook.yml", to_yaml_text(codebook_e2(), header).encode("utf-8"))
    )
    written += demomonitoring.generate(root, seed)
    registry = root / "waves.yml"
    if not registry.exists():  # a new study folder; an existing registry is never touched
        written.append(_write_bytes(registry, REGISTRY.encode("utf-8")))
    return written
