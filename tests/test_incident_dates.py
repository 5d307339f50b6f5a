"""incident_dates: French news time expressions resolved against a fixed publication date (the spec as a table).

Publication dates used: WED = 2024-07-17, MON = 2024-03-18, SUN = 2023-11-05, FRI = 2025-01-10, TUE = 2024-02-06.
Each row: publication date, text, the time expression as written in it, then kind, start, end, precision, part of day.
scripts/dateparser_report.py runs the same table through dateparser alone.
"""
from __future__ import annotations

from datetime import date
from typing import NamedTuple

import pytest
import spacy

import pipeline.incident_dates  # noqa: F401 - registers the factory
from pipeline.doc_context import Doc  # noqa: F401 - registers Doc._.publication_date
from pipeline.incident_dates import ResolvedDate, resolve_time_expression, resolve_weekday

WED, MON, SUN, FRI, TUE = date(2024, 7, 17), date(2024, 3, 18), date(2023, 11, 5), date(2025, 1, 10), date(2024, 2, 6)


def d(iso: str | None) -> date | None:
    return date.fromisoformat(iso) if iso else None


class DateCase(NamedTuple):
    published: date
    text: str
    expression: str
    kind: str
    start: date | None
    end: date | None
    precision: str
    part: str | None


def short(published, expression, kind, start, end, precision, part=None) -> DateCase:
    """A row whose text is the expression alone."""
    return DateCase(published, expression, expression, kind, d(start), d(end or start), precision, part)


def sentence(published, text, expression, kind, start, end, precision, part=None) -> DateCase:
    return DateCase(published, text, expression, kind, d(start), d(end or start), precision, part)


SHORT_CASES = [
    # seed cases (gold of the seed article, published Wednesday 2024-07-17)
    short(WED, "mardi soir", "point", "2024-07-16", None, "day", "evening"),
    short(WED, "Fin janvier", "point", "2024-01-21", "2024-01-31", "month"),
    short(WED, "En avril", "point", "2024-04-01", "2024-04-30", "month"),
    short(WED, "Cet hiver", "point", "2023-12-01", "2024-02-29", "season"),
    # weekdays, with and without a part of day
    short(WED, "mercredi", "point", "2024-07-17", None, "day"),
    short(WED, "jeudi matin", "point", "2024-07-11", None, "day", "morning"),
    short(WED, "dans la soirée de mardi", "point", "2024-07-16", None, "day", "evening"),
    short(WED, "tôt samedi", "point", "2024-07-13", None, "day", "morning"),
    short(WED, "samedi en fin d'après-midi", "point", "2024-07-13", None, "day", "afternoon"),
    short(WED, "ce dimanche", "point", "2024-07-14", None, "day"),
    short(WED, "dimanche dernier", "point", "2024-07-14", None, "day"),
    short(WED, "mercredi dernier", "point", "2024-07-10", None, "day"),
    short(WED, "mardi prochain", "point", "2024-07-23", None, "day"),
    short(MON, "mardi", "point", "2024-03-12", None, "day"),
    short(SUN, "samedi soir", "point", "2023-11-04", None, "day", "evening"),
    short(SUN, "dimanche matin", "point", "2023-11-05", None, "day", "morning"),
    short(WED, "mardi 16 juillet à 22h", "point", "2024-07-16", None, "day", "night"),
    # nights over two days
    short(WED, "dans la nuit de samedi à dimanche", "point", "2024-07-13", "2024-07-14", "day", "night"),
    short(WED, "dans la nuit du 13 au 14 juillet", "point", "2024-07-13", "2024-07-14", "day", "night"),
    short(WED, "la nuit dernière", "point", "2024-07-16", "2024-07-17", "day", "night"),
    short(WED, "cette nuit", "point", "2024-07-16", "2024-07-17", "day", "night"),
    short(WED, "dans la nuit de lundi", "point", "2024-07-15", "2024-07-16", "day", "night"),
    short(MON, "dans la nuit de lundi", "point", "2024-03-17", "2024-03-18", "day", "night"),
    short(MON, "dans la nuit", "point", "2024-03-17", "2024-03-18", "day", "night"),
    short(WED, "dans la soirée de dimanche à lundi", "point", "2024-07-14", "2024-07-15", "day", "night"),
    # deictics
    short(WED, "hier", "point", "2024-07-16", None, "day"),
    short(WED, "avant-hier", "point", "2024-07-15", None, "day"),
    short(WED, "aujourd'hui", "point", "2024-07-17", None, "day"),
    short(WED, "ce matin", "point", "2024-07-17", None, "day", "morning"),
    short(WED, "ce soir", "point", "2024-07-17", None, "day", "evening"),
    short(WED, "hier soir", "point", "2024-07-16", None, "day", "evening"),
    short(WED, "ce week-end", "point", "2024-07-13", "2024-07-14", "week"),
    short(MON, "le week-end dernier", "point", "2024-03-16", "2024-03-17", "week"),
    short(SUN, "le week-end dernier", "point", "2023-10-28", "2023-10-29", "week"),
    short(WED, "la semaine dernière", "point", "2024-07-10", "2024-07-16", "week"),
    short(WED, "il y a trois jours", "point", "2024-07-14", None, "day"),
    short(WED, "il y a deux semaines", "point", "2024-07-02", "2024-07-04", "week"),
    short(TUE, "il y a près d'une semaine", "point", "2024-01-30", "2024-02-01", "week"),
    short(WED, "il y a un an", "point", "2023-04-18", "2023-10-15", "year"),
    short(WED, "le mois dernier", "point", "2024-06-01", "2024-06-30", "month"),
    short(WED, "depuis lundi", "since", "2024-07-15", "2024-07-17", "day"),
    # explicit dates
    short(WED, "le 16 juillet", "point", "2024-07-16", None, "day"),
    short(WED, "le 1er mars", "point", "2024-03-01", None, "day"),
    short(WED, "le 20 juillet", "point", "2023-07-20", None, "day"),
    short(WED, "16/07/2024", "point", "2024-07-16", None, "day"),
    short(WED, "du 3 au 5 mai", "point", "2024-05-03", "2024-05-05", "day"),
    short(WED, "31 mars 2016", "point", "2016-03-31", None, "day"),
    short(FRI, "ce vendredi 10 janvier", "point", "2025-01-10", None, "day"),
    short(FRI, "le 28 décembre", "point", "2024-12-28", None, "day"),
    short(WED, "le 11 août dernier", "point", "2023-08-11", None, "day"),
    short(WED, "le 11 août prochain", "point", "2024-08-11", None, "day"),
    # vague periods
    short(WED, "début juin", "point", "2024-06-01", "2024-06-10", "month"),
    short(WED, "mi-avril", "point", "2024-04-11", "2024-04-20", "month"),
    short(WED, "en avril dernier", "point", "2024-04-01", "2024-04-30", "month"),
    short(FRI, "en octobre dernier", "point", "2024-10-01", "2024-10-31", "month"),
    short(WED, "l'été dernier", "point", "2023-06-01", "2023-08-31", "season"),
    short(WED, "au printemps", "point", "2024-03-01", "2024-05-31", "season"),
    short(FRI, "cet hiver", "point", "2024-12-01", "2025-02-28", "season"),
    short(FRI, "l'hiver dernier", "point", "2023-12-01", "2024-02-29", "season"),
    short(WED, "en 2014", "point", "2014-01-01", "2014-12-31", "year"),
    short(WED, "fin 2014", "point", "2014-10-01", "2014-12-31", "season"),
    short(WED, "l'an dernier", "point", "2023-01-01", "2023-12-31", "year"),
    short(WED, "l'année dernière", "point", "2023-01-01", "2023-12-31", "year"),
    # open periods up to publication
    short(WED, "ces dernières semaines", "since", "2024-06-19", "2024-07-17", "week"),
    short(WED, "depuis janvier", "since", "2024-01-01", "2024-07-17", "month"),
    short(WED, "depuis 2013", "since", "2013-01-01", "2024-07-17", "year"),
    short(WED, "depuis le début de la guerre", "since", None, "2024-07-17", "unknown"),
    # times of day without a day
    short(WED, "vers 19h00", "time_of_day", None, None, "unknown", "evening"),
    short(WED, "à 3 heures du matin", "time_of_day", None, None, "unknown", "night"),
    short(WED, "aux environs de 6 heures", "time_of_day", None, None, "unknown", "morning"),
    short(WED, "vers 14h30", "time_of_day", None, None, "unknown", "afternoon"),
    short(WED, "dans la soirée", "time_of_day", None, None, "unknown", "evening"),
    short(WED, "avant l'aube", "time_of_day", None, None, "unknown", "night"),
]

SENTENCE_CASES = [
    # published Wednesday 2024-07-17
    sentence(WED, "Mardi soir, des hommes armés ont attaqué le poste de gendarmerie de Kaya.", "Mardi soir",
             "point", "2024-07-16", None, "day", "evening"),
    sentence(WED, "Fin janvier, une embuscade avait coûté la vie à six soldats près de Djibo.", "Fin janvier",
             "point", "2024-01-21", "2024-01-31", "month"),
    sentence(WED, "En avril, l'armée avait repris le contrôle de la localité.", "En avril",
             "point", "2024-04-01", "2024-04-30", "month"),
    sentence(WED, "Cet hiver, plus de cent frappes de drones ont visé la région.", "Cet hiver",
             "point", "2023-12-01", "2024-02-29", "season"),
    sentence(WED, "Un convoi logistique a sauté sur un engin explosif jeudi matin au nord de Gao.", "jeudi matin",
             "point", "2024-07-11", None, "day", "morning"),
    sentence(WED, "Les assaillants sont arrivés tôt samedi à bord d'une dizaine de motos.", "tôt samedi",
             "point", "2024-07-13", None, "day", "morning"),
    sentence(WED, "Dans la nuit de samedi à dimanche, des tirs d'artillerie ont touché un quartier de Kharkiv.",
             "Dans la nuit de samedi à dimanche", "point", "2024-07-13", "2024-07-14", "day", "night"),
    sentence(WED, "L'attaque s'est produite dans la nuit du 13 au 14 juillet contre un camp de déplacés.",
             "dans la nuit du 13 au 14 juillet", "point", "2024-07-13", "2024-07-14", "day", "night"),
    sentence(WED, "Hier, trois civils ont été tués par une mine artisanale.", "Hier", "point", "2024-07-16", None, "day"),
    sentence(WED, "Avant-hier, un drone a frappé un véhicule près de la frontière.", "Avant-hier",
             "point", "2024-07-15", None, "day"),
    sentence(WED, "Ce matin, l'armée a annoncé avoir neutralisé une vingtaine d'assaillants.", "Ce matin",
             "point", "2024-07-17", None, "day", "morning"),
    sentence(WED, "La semaine dernière, deux enseignants ont été enlevés dans le village.", "La semaine dernière",
             "point", "2024-07-10", "2024-07-16", "week"),
    sentence(WED, "Il y a trois jours, un bus a été la cible de tirs sur la route nationale.", "Il y a trois jours",
             "point", "2024-07-14", None, "day"),
    sentence(WED, "Le 16 juillet, des jihadistes présumés ont incendié le marché de la ville.", "Le 16 juillet",
             "point", "2024-07-16", None, "day"),
    sentence(WED, "Mardi 16 juillet, une patrouille a été prise pour cible à Ménaka.", "Mardi 16 juillet",
             "point", "2024-07-16", None, "day"),
    sentence(WED, "Un kamikaze s'est fait exploser le 1er mars devant un commissariat.", "le 1er mars",
             "point", "2024-03-01", None, "day"),
    sentence(WED, "Des combats ont opposé l'armée aux rebelles du 3 au 5 mai dans la province.", "du 3 au 5 mai",
             "point", "2024-05-03", "2024-05-05", "day"),
    sentence(WED, "Début juin, une frappe aérienne a détruit un dépôt d'armes.", "Début juin",
             "point", "2024-06-01", "2024-06-10", "month"),
    sentence(WED, "Mi-avril, un poste frontalier avait été attaqué par des hommes armés.", "Mi-avril",
             "point", "2024-04-11", "2024-04-20", "month"),
    sentence(WED, "En avril dernier, la localité avait déjà subi un raid meurtrier.", "En avril dernier",
             "point", "2024-04-01", "2024-04-30", "month"),
    sentence(WED, "L'été dernier, les attaques s'étaient multipliées dans le nord du pays.", "L'été dernier",
             "point", "2023-06-01", "2023-08-31", "season"),
    sentence(WED, "En 2014, la ville était tombée aux mains des insurgés.", "En 2014",
             "point", "2014-01-01", "2014-12-31", "year"),
    sentence(WED, "L'an dernier, une attaque similaire avait fait douze morts.", "L'an dernier",
             "point", "2023-01-01", "2023-12-31", "year"),
    sentence(WED, "Ces dernières semaines, les enlèvements se sont multipliés dans la région.",
             "Ces dernières semaines", "since", "2024-06-19", "2024-07-17", "week"),
    sentence(WED, "Depuis janvier, au moins quarante soldats ont été tués dans la zone.", "Depuis janvier",
             "since", "2024-01-01", "2024-07-17", "month"),
    sentence(WED, "Depuis 2013, le pays fait face à une insurrection jihadiste.", "Depuis 2013",
             "since", "2013-01-01", "2024-07-17", "year"),
    sentence(WED, "Plus de deux cents civils ont péri depuis le début de la guerre.", "depuis le début de la guerre",
             "since", None, "2024-07-17", "unknown"),
    sentence(WED, "Les tirs ont commencé vers 19h00 et ont duré plus d'une heure.", "vers 19h00",
             "time_of_day", None, None, "unknown", "evening"),
    sentence(WED, "Mardi, des hommes armés ont attaqué le village. La veille, un berger avait été enlevé.",
             "La veille", "anaphoric", "2024-07-15", None, "day"),
    sentence(WED, "Mardi, un convoi a été attaqué. Le lendemain, l'armée a lancé une contre-offensive.",
             "Le lendemain", "anaphoric", "2024-07-17", None, "day"),
    sentence(WED, "Le 10 juillet, une mine a explosé au passage d'un camion. Deux jours plus tard, un second engin "
                  "a été découvert.", "Deux jours plus tard", "anaphoric", "2024-07-12", None, "day"),
    sentence(WED, "Samedi, un soldat a été tué ; le même jour, une autre patrouille a été visée.", "le même jour",
             "anaphoric", "2024-07-13", None, "day"),
    sentence(WED, "Le 12 juillet, la base a été bombardée. Trois jours auparavant, des drones avaient survolé le camp.",
             "Trois jours auparavant", "anaphoric", "2024-07-09", None, "day"),
    sentence(WED, "Lundi dernier, un drone a frappé une cérémonie de mariage.", "Lundi dernier",
             "point", "2024-07-15", None, "day"),
    sentence(WED, "Dimanche dernier, des rebelles ont pris le contrôle de la ville.", "Dimanche dernier",
             "point", "2024-07-14", None, "day"),
    sentence(WED, "La réunion de crise se tiendra mardi prochain à Niamey.", "mardi prochain",
             "point", "2024-07-23", None, "day"),
    sentence(WED, "Un garçon de 12 ans a été blessé par balle mercredi.", "mercredi",
             "point", "2024-07-17", None, "day"),
    sentence(WED, "Cette nuit, un dépôt de carburant a été touché par des missiles.", "Cette nuit",
             "point", "2024-07-16", "2024-07-17", "day", "night"),
    sentence(WED, "Le couvre-feu est en vigueur depuis lundi dans toute la province.", "depuis lundi",
             "since", "2024-07-15", "2024-07-17", "day"),
    sentence(WED, "Ce week-end, des affrontements ont éclaté entre deux communautés.", "Ce week-end",
             "point", "2024-07-13", "2024-07-14", "week"),
    sentence(WED, "Il y a deux semaines, un hélicoptère militaire s'est écrasé près de la base.",
             "Il y a deux semaines", "point", "2024-07-02", "2024-07-04", "week"),
    sentence(WED, "Au printemps, des milices ont pillé plusieurs villages.", "Au printemps",
             "point", "2024-03-01", "2024-05-31", "season"),
    sentence(WED, "Samedi en fin d'après-midi, une grenade a été lancée sur la foule.", "Samedi en fin d'après-midi",
             "point", "2024-07-13", None, "day", "afternoon"),
    sentence(WED, "Dans la soirée de mardi, un engin explosif a visé un minibus.", "Dans la soirée de mardi",
             "point", "2024-07-16", None, "day", "evening"),
    sentence(WED, "Les secours sont arrivés à 3 heures du matin, selon un témoin.", "à 3 heures du matin",
             "time_of_day", None, None, "unknown", "night"),
    sentence(WED, "Hier soir, des tirs nourris ont été entendus dans le quartier.", "Hier soir",
             "point", "2024-07-16", None, "day", "evening"),
    sentence(WED, "Dans la nuit de lundi, des drones ont visé la centrale électrique.", "Dans la nuit de lundi",
             "point", "2024-07-15", "2024-07-16", "day", "night"),
    sentence(WED, "Le 20 juillet, un premier raid avait frappé la caserne.", "Le 20 juillet",
             "point", "2023-07-20", None, "day"),
    sentence(WED, "L'attaque du 16/07/2024 a fait quatre morts selon la préfecture.", "16/07/2024",
             "point", "2024-07-16", None, "day"),
    sentence(WED, "Mardi, des hommes armés ont attaqué le marché. Les combats ont repris dans la soirée.",
             "dans la soirée", "time_of_day", None, None, "unknown", "evening"),
    # published Monday 2024-03-18
    sentence(MON, "Dans la nuit de dimanche à lundi, des frappes ont visé la ville d'Odessa.",
             "Dans la nuit de dimanche à lundi", "point", "2024-03-17", "2024-03-18", "day", "night"),
    sentence(MON, "Samedi, un kamikaze a fait exploser sa ceinture devant une mosquée.", "Samedi",
             "point", "2024-03-16", None, "day"),
    sentence(MON, "Le week-end dernier, des bandits ont enlevé une quarantaine de villageois.", "Le week-end dernier",
             "point", "2024-03-16", "2024-03-17", "week"),
    sentence(MON, "Lundi, l'armée a annoncé la mort de huit soldats.", "Lundi", "point", "2024-03-18", None, "day"),
    sentence(MON, "Vendredi soir, un convoi humanitaire a été pillé par des miliciens.", "Vendredi soir",
             "point", "2024-03-15", None, "day", "evening"),
    sentence(MON, "Dans la nuit, des drones ont frappé un dépôt pétrolier.", "Dans la nuit",
             "point", "2024-03-17", "2024-03-18", "day", "night"),
    sentence(MON, "Mi-février, une embuscade avait fait neuf morts.", "Mi-février",
             "point", "2024-02-11", "2024-02-20", "month"),
    sentence(MON, "Fin décembre, un camp militaire avait été pris d'assaut.", "Fin décembre",
             "point", "2023-12-21", "2023-12-31", "month"),
    sentence(MON, "Il y a quelques jours, un autre convoi avait été ciblé.", "Il y a quelques jours",
             "point", "2024-03-13", "2024-03-16", "week"),
    sentence(MON, "Aujourd'hui, au moins sept personnes ont été tuées par un obus.", "Aujourd'hui",
             "point", "2024-03-18", None, "day"),
    # published Sunday 2023-11-05
    sentence(SUN, "Dimanche matin, une explosion a secoué le marché central.", "Dimanche matin",
             "point", "2023-11-05", None, "day", "morning"),
    sentence(SUN, "Samedi soir, des hommes armés ont ouvert le feu sur des fidèles.", "Samedi soir",
             "point", "2023-11-04", None, "day", "evening"),
    sentence(SUN, "Jeudi, un drone a visé un pick-up transportant des combattants.", "Jeudi",
             "point", "2023-11-02", None, "day"),
    sentence(SUN, "Dans la nuit du 3 au 4 novembre, un poste militaire a été attaqué.", "Dans la nuit du 3 au 4 novembre",
             "point", "2023-11-03", "2023-11-04", "day", "night"),
    sentence(SUN, "En octobre dernier, les violences avaient fait plus de cinquante morts.", "En octobre dernier",
             "point", "2023-10-01", "2023-10-31", "month"),
    sentence(SUN, "Le 31 octobre, une mine a explosé au passage d'un véhicule.", "Le 31 octobre",
             "point", "2023-10-31", None, "day"),
    sentence(SUN, "Depuis le 7 octobre, plus de mille roquettes ont été tirées.", "Depuis le 7 octobre",
             "since", "2023-10-07", "2023-11-05", "day"),
    sentence(SUN, "Ce dimanche, des combats ont repris autour de l'aéroport.", "Ce dimanche",
             "point", "2023-11-05", None, "day"),
    sentence(SUN, "Tôt ce dimanche matin, un bus a sauté sur une mine.", "Tôt ce dimanche matin",
             "point", "2023-11-05", None, "day", "morning"),
    # published Friday 2025-01-10
    sentence(FRI, "Le 28 décembre, des assaillants ont incendié une école.", "Le 28 décembre",
             "point", "2024-12-28", None, "day"),
    sentence(FRI, "Ce vendredi 10 janvier, des affrontements ont éclaté près de Goma.", "Ce vendredi 10 janvier",
             "point", "2025-01-10", None, "day"),
    sentence(FRI, "Cet hiver, les combats se sont intensifiés sur le front est.", "Cet hiver",
             "point", "2024-12-01", "2025-02-28", "season"),
    sentence(FRI, "L'hiver dernier, la ville avait été privée d'électricité par les frappes.", "L'hiver dernier",
             "point", "2023-12-01", "2024-02-29", "season"),
    sentence(FRI, "Mercredi, aux environs de 6 heures, des coups de feu ont retenti au camp.",
             "Mercredi, aux environs de 6 heures", "point", "2025-01-08", None, "day", "morning"),
    sentence(FRI, "Jeudi vers 22h30, une roquette s'est abattue sur un immeuble.", "Jeudi vers 22h30",
             "point", "2025-01-09", None, "day", "night"),
    sentence(FRI, "L'année dernière, plusieurs villages avaient été rasés.", "L'année dernière",
             "point", "2024-01-01", "2024-12-31", "year"),
    # published Tuesday 2024-02-06
    sentence(TUE, "Il y a près d'une semaine, un drone avait visé un entrepôt.", "Il y a près d'une semaine",
             "point", "2024-01-30", "2024-02-01", "week"),
    sentence(TUE, "Dans la nuit de lundi à mardi, un avant-poste a été attaqué.", "Dans la nuit de lundi à mardi",
             "point", "2024-02-05", "2024-02-06", "day", "night"),
    sentence(TUE, "Le 30 décembre, des tirs avaient visé la ville.", "Le 30 décembre",
             "point", "2023-12-30", None, "day"),
    sentence(TUE, "Depuis la mi-octobre, au moins dix villages ont été attaqués.", "Depuis la mi-octobre",
             "since", "2023-10-11", "2024-02-06", "month"),
]

DATE_CASES = SHORT_CASES + SENTENCE_CASES

NOT_DATES = [
    "Le centre de soins est ouvert 24 heures sur 24.",
    "Les patrouilles circulent 7 jours sur 7 sur cet axe.",
    "Il avait combattu pendant la guerre de 2014.",
    "La guerre de 1967 a redessiné la carte de la région.",
    "Le Conseil de sécurité a rappelé la résolution 2334.",
    "Le marché est ouvert de 9h à 17h.",
    "Un homme âgé de 19 ans a été arrêté par la police.",
    "Un garçon de 12 ans figure parmi les blessés.",
    "La loi de 2015 encadre l'état d'urgence.",
    "Le village se trouve à 3 heures de route de la capitale.",
    "Les otages ont marché pendant 24 heures avant d'être libérés.",
    "Le gouverneur a dénoncé une attaque lâche contre des civils.",
    "Parmi les victimes figure un enfant âgé de 7 ans.",
]


@pytest.fixture(scope="module")
def nlp_dates():
    nlp = spacy.blank("fr")
    nlp.add_pipe("incident_dates")
    return nlp


def run(nlp, text: str, published: date):
    doc = nlp.make_doc(text)
    doc._.publication_date = published
    return nlp(doc)


def first_span(nlp, text: str, published: date):
    """The first dates span; the Doc rides along on the span, so it stays alive."""
    doc = run(nlp, text, published)
    return doc.spans["dates"][0]


def span_for(doc, expression: str):
    """The dates span that overlaps the expression as written in the text."""
    start = doc.text.find(expression)
    assert start >= 0, f"{expression!r} not in the text"
    end = start + len(expression)
    for span in doc.spans["dates"]:
        if span.start_char < end and start < span.end_char:
            return span
    raise AssertionError(f"no date span over {expression!r}; spans: {[s.text for s in doc.spans['dates']]}")


def test_table_size_and_mix():
    assert len(DATE_CASES) >= 120
    assert len(SENTENCE_CASES) * 2 >= len(DATE_CASES)
    assert {case.published.weekday() for case in DATE_CASES} >= {0, 1, 2, 4, 6}
    assert {case.kind for case in DATE_CASES} == {"point", "since", "time_of_day", "anaphoric"}


@pytest.mark.parametrize("case", DATE_CASES, ids=[f"{c.published:%a}-{c.expression}" for c in DATE_CASES])
def test_expression_is_resolved_against_publication(nlp_dates, case: DateCase):
    span = span_for(run(nlp_dates, case.text, case.published), case.expression)
    got = (span._.date_kind, span._.event_date, span._.date_end, span._.date_precision, span._.day_part)
    assert got == (case.kind, case.start, case.end, case.precision, case.part)
    assert span._.date_source == "rules"


@pytest.mark.parametrize("text", NOT_DATES)
def test_not_an_incident_date(nlp_dates, text):
    doc = run(nlp_dates, text, WED)
    assert [span.text for span in doc.spans["dates"]] == []


@pytest.mark.parametrize("text, future", [
    ("La réunion de crise se tiendra mardi prochain à Niamey.", True),
    ("Mardi soir, des hommes armés ont attaqué le poste.", False),
    ("Le scrutin aura lieu demain dans tout le pays.", True),
])
def test_future_flag_without_parse(nlp_dates, text, future):
    assert first_span(nlp_dates, text, WED)._.date_future is future


@pytest.mark.parametrize("text, warned", [
    ("Lundi 16 juillet, des assaillants ont attaqué un poste de police.", True),
    ("Mardi 16 juillet, des assaillants ont attaqué un poste de police.", False),
])
def test_weekday_that_contradicts_the_date_keeps_the_date_and_warns(nlp_dates, text, warned):
    span = first_span(nlp_dates, text, WED)
    assert span._.event_date == date(2024, 7, 16)
    assert bool(span._.date_warnings) is warned


def test_weekday_contradiction_names_the_year_it_fits(nlp_dates):
    span = first_span(nlp_dates, "Samedi 22 novembre, un drone a frappé la ville.", WED)
    assert span._.event_date == date(2023, 11, 22)
    assert "2025-11-22" in span._.date_warnings[0]


def test_past_expression_resolving_after_publication_warns(nlp_dates):
    span = first_span(nlp_dates, "Une semaine après le massacre, les survivants ont fui.", WED)
    assert span._.event_date == date(2024, 7, 24) and span._.date_kind == "anaphoric"
    assert any("after publication" in warning for warning in span._.date_warnings)


def test_anaphora_follow_the_previous_day_in_the_text(nlp_dates):
    text = ("Le 2 juillet, un camp a été attaqué près de Tillabéri. Le lendemain, un convoi a été visé. "
            "Deux jours plus tard, un pont a sauté.")
    doc = run(nlp_dates, text, WED)
    assert [s._.event_date for s in doc.spans["dates"]] == [date(2024, 7, 2), date(2024, 7, 3), date(2024, 7, 5)]


def test_unknown_abbreviation_goes_to_dateparser(nlp_dates):
    span = first_span(nlp_dates, "Le 3 janv. 2024, une base a été visée par des obus.", WED)
    assert (span._.event_date, span._.date_source) == (date(2024, 1, 3), "dateparser")


def test_missing_publication_date_names_the_component(nlp_dates):
    doc = nlp_dates.make_doc("Mardi soir, un poste a été attaqué.")
    doc._.article_id = "lm-2024-07-17-01"
    with pytest.raises(ValueError, match="incident_dates: Doc._.publication_date is None for article 'lm-2024-07-17-01'"):
        nlp_dates(doc)


@pytest.mark.parametrize("weekday, reference, future, strict, expected", [
    (1, WED, False, False, date(2024, 7, 16)),
    (2, WED, False, False, date(2024, 7, 17)),
    (2, WED, False, True, date(2024, 7, 10)),
    (3, WED, False, False, date(2024, 7, 11)),
    (1, WED, True, False, date(2024, 7, 23)),
    (2, WED, True, False, date(2024, 7, 17)),
    (2, WED, True, True, date(2024, 7, 24)),
])
def test_resolve_weekday(weekday, reference, future, strict, expected):
    assert resolve_weekday(weekday, reference, future=future, strict=strict) == expected


@pytest.mark.parametrize("text, previous, future, expected", [
    ("la veille", date(2024, 7, 10), False, ResolvedDate(date(2024, 7, 9), date(2024, 7, 9), "day", None, "anaphoric")),
    ("le 16 juillet", None, True, ResolvedDate(date(2025, 7, 16), date(2025, 7, 16), "day", None, "point", future=True)),
    ("mardi", None, True, ResolvedDate(date(2024, 7, 23), date(2024, 7, 23), "day", None, "point", future=True)),
    ("dans la nuit", date(2024, 7, 12), False, ResolvedDate(None, None, "unknown", "night", "time_of_day")),
    ("Aucune date ici.", None, False, None),
    # a quoted "today" that the writer names: the named day (Monday's paper quoting Tuesday's words, here Wednesday's)
    ("aujourd'hui (mardi)", None, False, ResolvedDate(date(2024, 7, 16), date(2024, 7, 16), "day", None, "point")),
    ("aujourd'hui (mercredi)", None, False, ResolvedDate(date(2024, 7, 17), date(2024, 7, 17), "day", None, "point")),
])
def test_resolve_time_expression_without_pipeline(text, previous, future, expected):
    assert resolve_time_expression(text, WED, previous_date=previous, future=future) == expected


def test_to_disk_from_disk_round_trip(nlp_dates, tmp_path):
    nlp_dates.to_disk(tmp_path / "pipeline")
    reloaded = spacy.load(tmp_path / "pipeline")
    text = "Dans la nuit de samedi à dimanche, des tirs ont visé Kharkiv. La veille, un drone avait frappé."
    doc_before, doc_after = run(nlp_dates, text, WED), run(reloaded, text, WED)
    before = [(s.text, s._.event_date, s._.date_end, s._.day_part) for s in doc_before.spans["dates"]]
    after = [(s.text, s._.event_date, s._.date_end, s._.day_part) for s in doc_after.spans["dates"]]
    assert after == before and len(after) == 2
    assert reloaded.get_pipe("incident_dates")._tables == nlp_dates.get_pipe("incident_dates")._tables


def test_initialize_reads_lexicons_from_another_folder(tmp_path):
    from pipeline.incident_dates import LEXICON_FILES
    from pipeline.resources import data_path

    for file_name, _columns in LEXICON_FILES.values():
        text = data_path("lexicons", file_name).read_text(encoding="utf-8")
        if file_name == "fr_dates_phrases.tsv":
            text += "l'autre soir\tdeictic\t-2\tevening\n"
        (tmp_path / file_name).write_text(text, encoding="utf-8")
    nlp = spacy.blank("fr")
    nlp.add_pipe("incident_dates")
    nlp.initialize()
    nlp.get_pipe("incident_dates").initialize(data_dir=tmp_path)
    span = first_span(nlp, "L'autre soir, un poste a été attaqué.", WED)
    assert (span._.event_date, span._.day_part) == (date(2024, 7, 15), "evening")


@pytest.fixture(scope="module")
def nlp_parsed():
    nlp = spacy.load("fr_core_news_md", exclude=["ner"])
    nlp.add_pipe("incident_dates")
    return nlp


@pytest.mark.parametrize("text, expected, future", [
    ("Le ministre se rendra à Gao mardi pour rencontrer les familles.", date(2024, 7, 23), True),
    ("Le ministre s'est rendu à Gao mardi pour rencontrer les familles.", date(2024, 7, 16), False),
    ("Le ministre se rendra à Gao mercredi.", date(2024, 7, 17), True),
])
def test_future_tense_of_the_governing_verb_looks_forward(nlp_parsed, text, expected, future):
    span = first_span(nlp_parsed, text, WED)
    assert (span._.event_date, span._.date_future) == (expected, future)


def test_fast_scan_finds_the_same_atoms_as_the_reference_pattern():
    from pipeline.incident_dates import default_grammar

    grammar = default_grammar()
    text = " ".join(case.text for case in DATE_CASES) + " " + " ".join(NOT_DATES)
    fast, reference = grammar.atoms(text), grammar.atoms_reference(text)
    assert [(a.kind, a.start, a.end) for a in fast] == [(a.kind, a.start, a.end) for a in reference]
    assert len(fast) > len(DATE_CASES)
