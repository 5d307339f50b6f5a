"""conflict_entities: tagging and linking of countries, admin1, towns, bases, groups and forces in French news.

The table uses spacy.blank("fr") with the project's country/admin1/town data and the fixture actors and bases in
tests/fixtures/entities/ (so the table does not move when the curated lists grow). The NER-repair tests need
fr_core_news_md; the real-data tests skip while data/gazetteers/bases.jsonl or actors.jsonl is missing.
"""
from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
import spacy

from pipeline import conflict_entities  # noqa: F401  (registers the factory)
from pipeline.resources import data_path, read_jsonl

FIXTURES = Path(__file__).parent / "fixtures" / "entities"
REAL_BASES = data_path("gazetteers", "bases.jsonl")
REAL_ACTORS = data_path("gazetteers", "actors.jsonl")


@pytest.fixture(scope="module")
def nlp_entities():
    nlp = spacy.blank("fr")
    nlp.add_pipe("conflict_entities")
    nlp.get_pipe("conflict_entities").initialize(actors_path=FIXTURES / "actors.jsonl",
                                                 bases_path=FIXTURES / "bases.jsonl")
    return nlp


@pytest.fixture(scope="module")
def nlp_real():
    """The real lists, as the project ships them."""
    nlp = spacy.blank("fr")
    nlp.add_pipe("conflict_entities")
    return nlp


@pytest.fixture(scope="module")
def nlp_md():
    nlp = spacy.load("fr_core_news_md", exclude=["lemmatizer"])
    nlp.add_pipe("conflict_entities")
    nlp.get_pipe("conflict_entities").initialize(actors_path=FIXTURES / "actors.jsonl",
                                                 bases_path=FIXTURES / "bases.jsonl")
    return nlp


def link_of(span) -> str | None:
    """What a table row checks: ISO2 for COUNTRY, ISO 3166-2 for ADMIN1, "CC/ADMIN1" for PLACE and BASE, the
    canonical actor name for GROUP and FORCE ("country:CC" for a force of a country with no actor)."""
    if span.label_ == "COUNTRY":
        return span._.country_iso2
    if span.label_ == "ADMIN1":
        return span._.admin1_iso
    if span.label_ in ("PLACE", "BASE"):
        return f"{span._.country_iso2}/{span._.admin1_iso}" if span._.country_iso2 else None
    return span._.actor_name or (f"country:{span._.country_iso2}" if span._.country_iso2 else None)


def find_span(doc, text):
    matches = [span for span in doc.spans["conflict_entities"] if span.text == text]
    assert matches, f"no span {text!r}; found {[(s.text, s.label_) for s in doc.spans['conflict_entities']]}"
    return matches[0]


TABLE = [
    # Iraq
    ("Deux roquettes sont tombées mardi sur la base d'Aïn al-Assad, dans l'ouest de l'Irak.", "Aïn al-Assad", "BASE", "IQ/IQ-AN"),
    ("Un drone a visé la base aérienne d'Ayn al-Asad lundi soir.", "Ayn al-Asad", "BASE", "IQ/IQ-AN"),
    ("Les tirs visaient Ain al-Asad, selon un responsable irakien.", "Ain al-Asad", "BASE", "IQ/IQ-AN"),
    ("Des combattants ont attaqué un poste de l'armée dans la province d'Al-Anbar.", "province d'Al-Anbar", "ADMIN1", "IQ-AN"),
    ("Les renforts sont arrivés dans l'Anbar jeudi.", "Anbar", "ADMIN1", "IQ-AN"),
    ("Une explosion a fait trois morts à Mossoul, dans le nord de l'Irak.", "Mossoul", "PLACE", "IQ/IQ-NI"),
    ("Le gouvernorat de Ninive reste instable depuis des mois.", "gouvernorat de Ninive", "ADMIN1", "IQ-NI"),
    ("Trois policiers ont été tués près de Kirkouk jeudi.", "Kirkouk", "PLACE", "IQ/IQ-KI"),
    ("Cet été, la Résistance islamique en Irak a revendiqué plusieurs tirs.", "Résistance islamique en Irak", "GROUP", "Islamic Resistance in Iraq"),
    ("L'armée irakienne a lancé une opération dans la province de Salaheddine.", "armée irakienne", "FORCE", "Iraqi armed forces"),
    ("L'armée irakienne a lancé une opération dans la province de Salaheddine.", "province de Salaheddine", "ADMIN1", "IQ-SD"),
    ("Des frappes ont visé Al-Qaïm, près de la frontière syrienne, en Irak.", "Al-Qaïm", "PLACE", "IQ/IQ-AN"),
    ("Les Kataëb Hezbollah ont démenti toute implication.", "Kataëb Hezbollah", "GROUP", "Kataib Hezbollah"),
    ("Des soldats américains ont été blessés à Erbil, au Kurdistan irakien.", "soldats américains", "FORCE", "United States armed forces"),
    ("Des soldats américains ont été blessés à Erbil, au Kurdistan irakien.", "Erbil", "PLACE", "IQ/IQ-AR"),
    ("Les militaires irakiens ont sécurisé le secteur après l'attaque.", "militaires irakiens", "FORCE", "Iraqi armed forces"),
    ("Des membres présumés de Daech ont été arrêtés à Bagdad.", "Daech", "GROUP", "Islamic State"),
    ("Des membres présumés de Daech ont été arrêtés à Bagdad.", "Bagdad", "PLACE", "IQ/IQ-BG"),
    ("La base Victory, près de l'aéroport, a été visée par une roquette en Irak.", "base Victory", "BASE", "IQ/IQ-BG"),
    # Syria
    ("Des frappes aériennes ont touché Idleb dimanche, en Syrie.", "Idleb", "PLACE", "SY/SY-ID"),
    ("Les combats se poursuivent dans la province d'Idleb, en Syrie.", "province d'Idleb", "ADMIN1", "SY-ID"),
    ("Un bombardement a frappé Alep, la deuxième ville de Syrie.", "Alep", "PLACE", "SY/SY-HL"),
    ("Les Forces démocratiques syriennes contrôlent toujours Raqqa.", "Forces démocratiques syriennes", "GROUP", "Syrian Democratic Forces"),
    ("Les Forces démocratiques syriennes contrôlent toujours Raqqa.", "Raqqa", "PLACE", "SY/SY-RA"),
    ("Les FDS ont arrêté des membres présumés de l'EI à Deir ez-Zor.", "FDS", "GROUP", "Syrian Democratic Forces"),
    ("Les FDS ont arrêté des membres présumés de l'EI à Deir ez-Zor.", "EI", "GROUP", "Islamic State"),
    ("Les FDS ont arrêté des membres présumés de l'EI à Deir ez-Zor.", "Deir ez-Zor", "PLACE", "SY/SY-DY"),
    ("La base de Hmeimim, utilisée par la Russie, a été visée par des drones.", "Hmeimim", "BASE", "SY/SY-LA"),
    ("HTS a pris le contrôle de Hama, en Syrie.", "HTS", "GROUP", "Hayat Tahrir al-Sham"),
    ("HTS a pris le contrôle de Hama, en Syrie.", "Hama", "PLACE", "SY/SY-HM"),
    ("Un attentat a visé Damas vendredi matin.", "Damas", "PLACE", "SY/SY-DI"),
    ("Des affrontements ont éclaté à Aïn Issa, dans le nord de la Syrie.", "Aïn Issa", "PLACE", "SY/SY-RA"),
    ("Les forces gouvernementales syriennes ont repris la colline.", "forces gouvernementales syriennes", "FORCE", "Syrian government forces"),
    # Israel, Lebanon, Gaza, West Bank
    ("L'armée israélienne a mené une frappe à Khan Younès, dans le sud de la bande de Gaza.", "Khan Younès", "PLACE", "PS/PS-KYS"),
    ("L'armée israélienne a mené une frappe à Khan Younès, dans le sud de la bande de Gaza.", "bande de Gaza", "COUNTRY", "PS"),
    ("L'armée israélienne a mené une frappe à Khan Younès, dans le sud de la bande de Gaza.", "armée israélienne", "FORCE", "Israel Defense Forces"),
    ("Tsahal a annoncé la mort de deux soldats.", "Tsahal", "FORCE", "Israel Defense Forces"),
    ("Un raid a eu lieu à Jénine, en Cisjordanie occupée.", "Jénine", "PLACE", "PS/PS-JEN"),
    ("Un raid a eu lieu à Jénine, en Cisjordanie occupée.", "Cisjordanie", "COUNTRY", "PS"),
    ("Des colons ont attaqué un village près de Naplouse, en Cisjordanie.", "Naplouse", "PLACE", "PS/PS-NBS"),
    ("Le Hezbollah a tiré des roquettes vers le nord d'Israël.", "Hezbollah", "GROUP", "Hezbollah"),
    ("Le Hezbollah a tiré des roquettes vers le nord d'Israël.", "Israël", "COUNTRY", "IL"),
    ("Une frappe israélienne a tué un cadre du Hamas à Tyr, au Liban.", "Tyr", "PLACE", "LB/LB-JA"),
    ("Une frappe israélienne a tué un cadre du Hamas à Tyr, au Liban.", "Hamas", "GROUP", "Hamas"),
    ("Une frappe israélienne a tué un cadre du Hamas à Tyr, au Liban.", "israélienne", "COUNTRY", "IL"),
    ("La police israélienne a arrêté trois suspects à Hébron.", "police israélienne", "FORCE", "Israeli police"),
    ("La police israélienne a arrêté trois suspects à Hébron.", "Hébron", "PLACE", "PS/PS-HBN"),
    ("Des roquettes ont visé Tel-Aviv dans la soirée.", "Tel-Aviv", "PLACE", "IL/IL-TA"),
    ("Un drone a été abattu au-dessus de Rafah, dans la bande de Gaza.", "Rafah", "PLACE", "PS/PS-RFH"),
    # Yemen and the Red Sea
    ("Les Houthis ont revendiqué une attaque contre un navire au large de Hodeïda.", "Houthis", "GROUP", "Houthis"),
    ("Les Houthis ont revendiqué une attaque contre un navire au large de Hodeïda.", "Hodeïda", "PLACE", "YE/YE-HU"),
    ("Des frappes américaines ont visé Sanaa samedi.", "Sanaa", "PLACE", "YE/YE-SA"),
    ("Des frappes américaines ont visé Sanaa samedi.", "américaines", "COUNTRY", "US"),
    ("Les combats se sont intensifiés autour de Marib, au Yémen.", "Marib", "PLACE", "YE/YE-MA"),
    ("Un missile a été tiré depuis le gouvernorat de Saada.", "gouvernorat de Saada", "ADMIN1", "YE-SD"),
    ("Les forces gouvernementales yéménites ont repris un quartier de Taëz.", "forces gouvernementales yéménites", "FORCE", "Yemeni government forces"),
    # Iran
    ("Une explosion a secoué Ispahan, dans le centre de l'Iran.", "Ispahan", "PLACE", "IR/*"),
    ("Les Gardiens de la révolution ont annoncé des manœuvres.", "Gardiens de la révolution", "FORCE", "Islamic Revolutionary Guard Corps"),
    ("Des tirs ont visé Kermanshah, dans l'ouest de l'Iran.", "Kermanshah", "PLACE", "IR/*"),
    # Sahel
    ("Des jihadistes ont attaqué un poste de l'armée à Djibo, au Burkina Faso.", "Djibo", "PLACE", "BF/BF-12"),
    ("Des jihadistes ont attaqué un poste de l'armée à Djibo, au Burkina Faso.", "Burkina Faso", "COUNTRY", "BF"),
    ("Le JNIM a revendiqué l'embuscade près de Diapaga, dans l'est du Burkina Faso.", "JNIM", "GROUP", "JNIM"),
    ("Le JNIM a revendiqué l'embuscade près de Diapaga, dans l'est du Burkina Faso.", "Diapaga", "PLACE", "BF/BF-08"),
    ("L'armée malienne a repris Tessalit après de longs combats.", "armée malienne", "FORCE", "Malian armed forces"),
    ("L'armée malienne a repris Tessalit après de longs combats.", "Tessalit", "PLACE", "ML/ML-8"),
    ("Une attaque a visé le camp de Tessalit mardi.", "camp de Tessalit", "BASE", "ML/ML-8"),
    ("Des hommes armés ont tué dix civils dans la région de Tillabéri, au Niger.", "région de Tillabéri", "ADMIN1", "NE-6"),
    ("L'armée nigérienne a perdu quatre soldats près de Ouallam.", "armée nigérienne", "FORCE", "Nigerien armed forces"),
    ("L'armée nigérienne a perdu quatre soldats près de Ouallam.", "Ouallam", "PLACE", "NE/NE-6"),
    ("Les Forces armées maliennes (FAMa) ont frappé des positions près de Léré.", "FAMa", "FORCE", "Malian armed forces"),
    ("Les Forces armées maliennes (FAMa) ont frappé des positions près de Léré.", "Léré", "PLACE", "ML/ML-6"),
    ("Le village de Nampala, dans la région de Ségou, a été attaqué.", "Nampala", "PLACE", "ML/ML-4"),
    ("Le village de Nampala, dans la région de Ségou, a été attaqué.", "région de Ségou", "ADMIN1", "ML-4"),
    ("Des soldats burkinabè ont été tués dans la province du Soum.", "soldats burkinabè", "FORCE", "Burkinabe armed forces"),
    ("Des soldats burkinabè ont été tués dans la province du Soum.", "province du Soum", "ADMIN1", "BF-12"),
    ("L'État islamique au Sahel a revendiqué l'attaque de Ménaka, au Mali.", "État islamique au Sahel", "GROUP", "Islamic State Sahel Province"),
    ("L'État islamique au Sahel a revendiqué l'attaque de Ménaka, au Mali.", "Ménaka", "PLACE", "ML/ML-9"),
    ("Des renforts sont arrivés à Bamako mercredi.", "Bamako", "PLACE", "ML/ML-BKO"),
    ("La commune de Boni, dans le centre du Mali, a été attaquée.", "Boni", "PLACE", "ML/ML-5"),
    ("Dans la région de Gao, des milliers de civils ont fui.", "région de Gao", "ADMIN1", "ML-7"),
    ("Des combattants ont attaqué Gao, au Mali, dans la nuit.", "Gao", "PLACE", "ML/ML-7"),
    ("Les autorités de la région de Kidal ont décrété un couvre-feu.", "région de Kidal", "ADMIN1", "ML-8"),
    # Lake Chad
    ("Boko Haram a attaqué Konduga, dans l'État de Borno.", "Boko Haram", "GROUP", "Boko Haram"),
    ("Boko Haram a attaqué Konduga, dans l'État de Borno.", "Konduga", "PLACE", "NG/NG-BO"),
    ("Boko Haram a attaqué Konduga, dans l'État de Borno.", "État de Borno", "ADMIN1", "NG-BO"),
    ("L'ISWAP a revendiqué une attaque contre une caserne à Monguno, au Nigeria.", "ISWAP", "GROUP", "Islamic State West Africa Province"),
    ("L'ISWAP a revendiqué une attaque contre une caserne à Monguno, au Nigeria.", "Monguno", "PLACE", "NG/NG-BO"),
    ("L'armée tchadienne a repoussé une attaque dans la province du Lac.", "armée tchadienne", "FORCE", "Chadian armed forces"),
    ("L'armée tchadienne a repoussé une attaque dans la province du Lac.", "province du Lac", "ADMIN1", "TD-LC"),
    ("Une kamikaze s'est fait exploser à Mora, dans l'Extrême-Nord du Cameroun.", "Extrême-Nord", "ADMIN1", "CM-EN"),
    ("Une kamikaze s'est fait exploser à Mora, dans l'Extrême-Nord du Cameroun.", "Mora", "PLACE", "CM/CM-EN"),
    ("Des soldats nigérians ont été déployés à Maiduguri.", "soldats nigérians", "FORCE", "Nigerian armed forces"),
    ("Des soldats nigérians ont été déployés à Maiduguri.", "Maiduguri", "PLACE", "NG/NG-BO"),
    ("Des soldats nigériens patrouillent près de Diffa.", "soldats nigériens", "FORCE", "Nigerien armed forces"),
    ("Des soldats nigériens patrouillent près de Diffa.", "Diffa", "PLACE", "NE/NE-2"),
    # DR Congo
    ("Les rebelles du M23 se sont emparés de Goma en janvier.", "M23", "GROUP", "M23"),
    ("Les rebelles du M23 se sont emparés de Goma en janvier.", "Goma", "PLACE", "CD/CD-NK"),
    ("Des affrontements ont opposé les FARDC aux ADF près de Beni, au Nord-Kivu.", "FARDC", "FORCE", "Armed Forces of the Democratic Republic of the Congo"),
    ("Des affrontements ont opposé les FARDC aux ADF près de Beni, au Nord-Kivu.", "ADF", "GROUP", "Allied Democratic Forces"),
    ("Des affrontements ont opposé les FARDC aux ADF près de Beni, au Nord-Kivu.", "Beni", "PLACE", "CD/CD-NK"),
    ("Des affrontements ont opposé les FARDC aux ADF près de Beni, au Nord-Kivu.", "Nord-Kivu", "ADMIN1", "CD-NK"),
    ("La province du Sud-Kivu accueille des milliers de déplacés.", "province du Sud-Kivu", "ADMIN1", "CD-SK"),
    ("Des miliciens de la CODECO ont tué vingt civils en Ituri.", "CODECO", "GROUP", "CODECO"),
    ("Des miliciens de la CODECO ont tué vingt civils en Ituri.", "Ituri", "ADMIN1", "CD-IT"),
    ("L'armée congolaise a bombardé des positions près de Bunia, en RDC.", "armée congolaise", "FORCE", "Armed Forces of the Democratic Republic of the Congo"),
    ("L'armée congolaise a bombardé des positions près de Bunia, en RDC.", "Bunia", "PLACE", "CD/CD-IT"),
    ("L'armée congolaise a bombardé des positions près de Bunia, en RDC.", "RDC", "COUNTRY", "CD"),
    ("Les Congolais attendent les résultats.", "Congolais", "COUNTRY", "CD"),
    # Somalia
    ("Les shebab ont attaqué une base à Mogadiscio.", "shebab", "GROUP", "Al-Shabaab"),
    ("Les shebab ont attaqué une base à Mogadiscio.", "Mogadiscio", "PLACE", "SO/SO-BN"),
    ("L'armée somalienne a repris une localité de la région de Bakool.", "région de Bakool", "ADMIN1", "SO-BK"),
    ("Un attentat-suicide a frappé Kismayo, dans le sud de la Somalie.", "Kismayo", "PLACE", "SO/SO-JH"),
    # Sudan
    ("Les Forces de soutien rapide (FSR) ont pris El-Facher.", "Forces de soutien rapide", "GROUP", "Rapid Support Forces"),
    ("Les Forces de soutien rapide (FSR) ont pris El-Facher.", "FSR", "GROUP", "Rapid Support Forces"),
    ("Les Forces de soutien rapide (FSR) ont pris El-Facher.", "El-Facher", "PLACE", "SD/SD-DN"),
    ("L'armée soudanaise a bombardé Nyala, au Darfour-Sud.", "armée soudanaise", "FORCE", "Sudanese Armed Forces"),
    ("L'armée soudanaise a bombardé Nyala, au Darfour-Sud.", "Nyala", "PLACE", "SD/SD-DS"),
    ("L'armée soudanaise a bombardé Nyala, au Darfour-Sud.", "Darfour-Sud", "ADMIN1", "SD-DS"),
    ("Des combats ont éclaté à Omdurman, au Soudan.", "Omdurman", "PLACE", "SD/SD-KH"),
    # Mozambique
    ("Des insurgés ont attaqué Palma, dans la province de Cabo Delgado, au Mozambique.", "Palma", "PLACE", "MZ/MZ-P"),
    ("Des insurgés ont attaqué Palma, dans la province de Cabo Delgado, au Mozambique.", "province de Cabo Delgado", "ADMIN1", "MZ-P"),
    ("L'armée mozambicaine a repris Mocímboa da Praia.", "Mocímboa da Praia", "PLACE", "MZ/MZ-P"),
    ("L'armée mozambicaine a repris Mocímboa da Praia.", "armée mozambicaine", "FORCE", "Mozambican armed forces"),
    # Ukraine and Russia
    ("Des missiles russes ont frappé Kharkiv dans la nuit.", "Kharkiv", "PLACE", "UA/UA-63"),
    ("Des missiles russes ont frappé Kharkiv dans la nuit.", "russes", "COUNTRY", "RU"),
    ("L'oblast de Kharkiv a été visé par des drones.", "oblast de Kharkiv", "ADMIN1", "UA-63"),
    ("Des bombardements ont touché Zaporijjia mardi.", "Zaporijjia", "PLACE", "UA/UA-23"),
    ("Les forces ukrainiennes ont frappé la région de Belgorod.", "forces ukrainiennes", "FORCE", "Ukrainian armed forces"),
    ("Les forces ukrainiennes ont frappé la région de Belgorod.", "région de Belgorod", "ADMIN1", "RU-BEL"),
    ("Un drone s'est écrasé à Goubkine, dans la région de Belgorod.", "Goubkine", "PLACE", "RU/RU-BEL"),
    ("La ville de Bakhmout a été presque entièrement détruite.", "Bakhmout", "PLACE", "UA/UA-14"),
    ("L'aviation russe a bombardé Odessa.", "aviation russe", "FORCE", "Russian air force"),
    ("L'aviation russe a bombardé Odessa.", "Odessa", "PLACE", "UA/UA-51"),
    ("Des tirs d'artillerie ont visé Koursk, en Russie.", "Koursk", "PLACE", "RU/RU-KRS"),
    ("La Crimée est occupée depuis 2014.", "Crimée", "ADMIN1", "UA-43"),
    ("Les troupes russes ont avancé près de Pokrovsk, en Ukraine.", "troupes russes", "FORCE", "Russian armed forces"),
    ("Les troupes russes ont avancé près de Pokrovsk, en Ukraine.", "Pokrovsk", "PLACE", "UA/UA-14"),
    # Afghanistan and Pakistan
    ("Les talibans ont pris le contrôle de Kandahar.", "talibans", "FORCE", "Taliban"),
    ("Les talibans ont pris le contrôle de Kandahar.", "Kandahar", "PLACE", "AF/AF-KAN"),
    ("Un attentat a frappé Peshawar, au Pakistan.", "Peshawar", "PLACE", "PK/PK-KP"),
    ("Le TTP a revendiqué l'attaque dans la province de Khyber Pakhtunkhwa.", "TTP", "GROUP", "Tehrik-i-Taliban Pakistan"),
    ("Le TTP a revendiqué l'attaque dans la province de Khyber Pakhtunkhwa.", "province de Khyber Pakhtunkhwa", "ADMIN1", "PK-KP"),
    ("L'Armée de libération du Baloutchistan a attaqué un train près de Quetta.", "Armée de libération du Baloutchistan", "GROUP", "Balochistan Liberation Army"),
    ("L'Armée de libération du Baloutchistan a attaqué un train près de Quetta.", "Quetta", "PLACE", "PK/PK-BA"),
    ("L'armée pakistanaise a mené des frappes en Afghanistan.", "armée pakistanaise", "FORCE", "Pakistani armed forces"),
    ("L'armée pakistanaise a mené des frappes en Afghanistan.", "Afghanistan", "COUNTRY", "AF"),
    ("Une explosion a tué six personnes à Jalalabad, dans la province de Nangarhar.", "Jalalabad", "PLACE", "AF/AF-NAN"),
    ("Une explosion a tué six personnes à Jalalabad, dans la province de Nangarhar.", "province de Nangarhar", "ADMIN1", "AF-NAN"),
    # Haiti
    ("La coalition Viv Ansanm a attaqué Mirebalais, en Haïti.", "Viv Ansanm", "GROUP", "Viv Ansanm"),
    ("La coalition Viv Ansanm a attaqué Mirebalais, en Haïti.", "Mirebalais", "PLACE", "HT/HT-CE"),
    ("La police haïtienne a repris le contrôle de Port-au-Prince.", "police haïtienne", "FORCE", "Haitian National Police"),
    ("La police haïtienne a repris le contrôle de Port-au-Prince.", "Port-au-Prince", "PLACE", "HT/HT-OU"),
    ("Des gangs ont incendié des maisons dans l'Artibonite.", "Artibonite", "ADMIN1", "HT-AR"),
    ("La PNH a arrêté un chef de gang.", "PNH", "FORCE", "Haitian National Police"),
    # Colombia
    ("L'ELN a attaqué une position militaire dans le département d'Arauca.", "ELN", "GROUP", "National Liberation Army (Colombia)"),
    ("L'ELN a attaqué une position militaire dans le département d'Arauca.", "département d'Arauca", "ADMIN1", "CO-ARA"),
    ("Des dissidents des FARC ont tué deux soldats dans le Cauca.", "dissidents des FARC", "GROUP", "Estado Mayor Central"),
    ("Des dissidents des FARC ont tué deux soldats dans le Cauca.", "Cauca", "ADMIN1", "CO-CAU"),
    ("L'armée colombienne a bombardé un camp près de Tibú, en Colombie.", "Tibú", "PLACE", "CO/CO-NSA"),
    ("Une voiture piégée a explosé à Cali, en Colombie.", "Cali", "PLACE", "CO/CO-VAC"),
    # countries and demonyms
    ("Des soldats français ont quitté le pays l'an dernier.", "soldats français", "FORCE", "country:FR"),
    ("Le Niger a rompu avec l'ancienne puissance coloniale.", "Niger", "COUNTRY", "NE"),
    ("Le Nigeria a fermé sa frontière.", "Nigeria", "COUNTRY", "NG"),
    ("Un commerçant nigérian a été enlevé.", "nigérian", "COUNTRY", "NG"),
    ("Un ressortissant nigérien a été libéré.", "nigérien", "COUNTRY", "NE"),
    ("La Centrafrique accuse des groupes armés.", "Centrafrique", "COUNTRY", "CF"),
    ("Le président de la République démocratique du Congo s'est exprimé.", "République démocratique du Congo", "COUNTRY", "CD"),
    ("Les Irakiens votent dimanche.", "Irakiens", "COUNTRY", "IQ"),
    ("Les États-Unis ont frappé des cibles en Syrie.", "États-Unis", "COUNTRY", "US"),
    ("La Tour 22, en Jordanie, a été visée par un drone.", "Tour 22", "BASE", "JO/JO-MA"),
]


@pytest.mark.parametrize("text, span_text, label, link", TABLE)
def test_entity_is_tagged_and_linked(nlp_entities, text, span_text, label, link):
    span = find_span(nlp_entities(text), span_text)
    assert span.label_ == label
    if link.endswith("/*"):
        assert span._.country_iso2 == link[:2] and span._.admin1_iso
    else:
        assert link_of(span) == link


def test_table_is_large_and_covers_every_label():
    assert len(TABLE) >= 100
    assert {row[2] for row in TABLE} == {"COUNTRY", "ADMIN1", "PLACE", "BASE", "GROUP", "FORCE"}


def test_base_carries_coordinates_and_kind(nlp_entities):
    span = find_span(nlp_entities("Une roquette a touché la base d'Aïn al-Assad."), "Aïn al-Assad")
    assert span._.place_kind == "military base"
    assert distance_km(span._.lat, span._.lon, 33.80, 42.44) < 10


def test_demonym_is_flagged(nlp_entities):
    assert find_span(nlp_entities("Un responsable irakien a démenti."), "irakien")._.is_demonym is True


def test_force_of_a_demonym_links_country_and_branch(nlp_entities):
    span = find_span(nlp_entities("Des policiers israéliens ont été blessés."), "policiers israéliens")
    assert (span.label_, span._.country_iso2, span._.actor_name) == ("FORCE", "IL", "Israeli police")


def test_town_carries_geonames_id_and_coordinates(nlp_entities):
    span = find_span(nlp_entities("Une frappe a visé Mossoul, en Irak."), "Mossoul")
    assert span._.geonames_id == 99072 and span._.place_kind == "town"
    assert distance_km(span._.lat, span._.lon, 36.34, 43.12) < 10


@pytest.mark.parametrize("text, expected", [
    ("Washington a accusé Téhéran de soutenir les milices.", True),
    ("Le gouvernement met en avant les discussions avec Washington.", True),
    ("Une délégation irakienne se rendra à Washington la semaine prochaine.", False),
])
def test_washington_as_government_is_not_a_place_of_event(nlp_entities, text, expected):
    assert find_span(nlp_entities(text), "Washington")._.is_government_metonym is expected


@pytest.mark.parametrize("text, capital, expected", [
    ("Bagdad espère un calendrier de retrait.", "Bagdad", True),
    ("Moscou a démenti toute implication.", "Moscou", True),
    ("Kiev a dénoncé une nouvelle attaque contre ses centrales.", "Kiev", True),
    ("Une voiture piégée a explosé à Bagdad.", "Bagdad", False),
])
def test_capital_as_government(nlp_entities, text, capital, expected):
    assert find_span(nlp_entities(text), capital)._.is_government_metonym is expected


@pytest.mark.parametrize("text, country", [
    ("Des affrontements ont éclaté à Tripoli, dans le nord du Liban, entre milices libanaises.", "LB"),
    ("Des milices rivales se sont affrontées à Tripoli, la capitale de la Libye.", "LY"),
    ("Des affrontements ont éclaté à Tripoli dans la nuit.", "LY"),
])
def test_shared_town_name_goes_to_the_country_of_the_article(nlp_entities, text, country):
    assert find_span(nlp_entities(text), "Tripoli")._.country_iso2 == country


@pytest.mark.parametrize("text, span_text, label, kind", [
    ("Le village de Zarbakoundi a été incendié par des assaillants.", "Zarbakoundi", "PLACE", "town"),
    ("Le camp de déplacés de Kanyarushinya a été bombardé.", "Kanyarushinya", "PLACE", "camp"),
    ("La base aérienne de Zorbatiya a été visée.", "Zorbatiya", "BASE", "military base"),
    ("Le poste frontalier de Kouloumboutaro a été fermé.", "Kouloumboutaro", "PLACE", "border post"),
    ("La localité de Yirgou-Tansega a été attaquée.", "Yirgou-Tansega", "PLACE", "town"),
])
def test_generic_head_keeps_unknown_names_unlinked(nlp_entities, text, span_text, label, kind):
    span = find_span(nlp_entities(text), span_text)
    assert (span.label_, span._.place_kind, span._.entity_id) == (label, kind, None)
    assert span._.link_confidence <= 0.3


def test_bachar_al_assad_is_not_the_base(nlp_entities):
    doc = nlp_entities("Le régime de Bachar al-Assad est tombé en décembre.")
    assert not [span for span in doc.spans["conflict_entities"] if span.label_ == "BASE"]


@pytest.mark.parametrize("text", [
    "Tous les habitants ont fui.",
    "Police et gendarmerie ont bouclé le quartier.",
    "Mars a été un mois meurtrier.",
])
def test_common_words_are_not_towns(nlp_entities, text):
    assert not [span for span in nlp_entities(text).spans["conflict_entities"] if span.label_ == "PLACE"]


def test_entities_are_merged_into_doc_ents(nlp_entities):
    doc = nlp_entities("La Résistance islamique en Irak a visé Erbil.")
    assert ("Résistance islamique en Irak", "GROUP") in [(ent.text, ent.label_) for ent in doc.ents]


def test_lazy_loading_without_initialize():
    nlp = spacy.blank("fr")
    nlp.add_pipe("conflict_entities")
    doc = nlp("Une frappe a visé Kharkiv.")
    assert find_span(doc, "Kharkiv")._.country_iso2 == "UA"


def test_to_disk_from_disk_round_trip(nlp_entities, tmp_path):
    nlp_entities.to_disk(tmp_path / "pipeline")
    reloaded = spacy.load(tmp_path / "pipeline")
    span = find_span(reloaded("La Résistance islamique en Irak a visé la base d'Aïn al-Assad."), "Aïn al-Assad")
    assert (span.label_, span._.admin1_iso) == ("BASE", "IQ-AN")
    assert (tmp_path / "pipeline" / "conflict_entities" / "gazetteers" / "places.tsv.gz").exists()


# --- repairs of the statistical NER (fr_core_news_md) ------------------------------------------------------------

def test_no_entity_on_a_sentence_initial_participle(nlp_md):
    doc = nlp_md("Un drone a visé une base en Irak.\nPerpétrée mardi soir, l'attaque n'a pas été revendiquée.")
    assert not [ent for ent in doc.ents if ent.text.startswith("Perpétrée")]


def test_no_entity_in_a_photo_credit(nlp_md):
    doc = nlp_md("©(Photo de Karim SAHIB/AFP)\nUne roquette est tombée près de l'ambassade à Bagdad.")
    assert not [ent for ent in doc.ents if "SAHIB" in ent.text or "Karim" in ent.text]
    assert ("Bagdad", "PLACE") in [(ent.text, ent.label_) for ent in doc.ents]


def test_no_entity_on_lire_aussi_or_a_byline(nlp_md):
    doc = nlp_md("Par Jean Moreau\nDes tirs ont visé Kharkiv dans la nuit.\nLire aussi\nCommentaires")
    texts = [ent.text for ent in doc.ents]
    assert not [text for text in texts if "Lire" in text or "Moreau" in text]
    assert "Kharkiv" in texts


def test_group_name_stays_one_span_over_the_statistical_ner(nlp_md):
    doc = nlp_md("Cet hiver, la Résistance islamique en Irak a mené des dizaines de tirs.")
    assert ("Résistance islamique en Irak", "GROUP") in [(ent.text, ent.label_) for ent in doc.ents]


# --- the shipped lists ------------------------------------------------------------------------------------------

@pytest.mark.skipif(not REAL_BASES.exists(), reason="data/gazetteers/bases.jsonl not written yet")
def test_real_bases_place_ain_al_assad_in_anbar(nlp_real):
    span = find_span(nlp_real("Deux drones ont visé la base militaire d'Aïn al-Assad mardi."), "Aïn al-Assad")
    assert (span.label_, span._.country_iso2, span._.admin1_iso) == ("BASE", "IQ", "IQ-AN")
    assert distance_km(span._.lat, span._.lon, 33.80, 42.44) < 10


@pytest.mark.skipif(not REAL_ACTORS.exists(), reason="data/gazetteers/actors.jsonl not written yet")
def test_real_actors_keep_islamic_resistance_in_iraq_one_group(nlp_real):
    doc = nlp_real("La Résistance islamique en Irak a revendiqué les tirs.")
    span = find_span(doc, "Résistance islamique en Irak")
    assert span.label_ == "GROUP" and span._.actor_name


@pytest.mark.skipif(not REAL_ACTORS.exists(), reason="data/gazetteers/actors.jsonl not written yet")
def test_real_actors_give_american_soldiers_a_us_force(nlp_real):
    span = find_span(nlp_real("Trois soldats américains ont été tués."), "soldats américains")
    assert (span.label_, span._.country_iso2) == ("FORCE", "US") and span._.actor_name


def test_every_country_has_a_french_name_and_demonyms_or_a_note():
    import pycountry

    rows = {row["iso2"]: row for row in read_jsonl(data_path("gazetteers", "countries.jsonl"))}
    assert set(rows) == {country.alpha_2 for country in pycountry.countries}
    for iso2, row in rows.items():
        assert row["names_fr"], iso2
        assert len(row["demonyms"]) == 4 or row["demonym_note"], iso2
    with_demonyms = [row for row in rows.values() if len(row["demonyms"]) == 4]
    assert len(with_demonyms) >= 230
    assert rows["NG"]["demonyms"][0] == "nigérian" and rows["NE"]["demonyms"][0] == "nigérien"


def test_admin1_covers_at_least_40_conflict_countries():
    rows = read_jsonl(data_path("gazetteers", "admin1.jsonl"))
    focus = {row["country_iso2"] for row in rows if row["focus"]}
    assert len({row["country_iso2"] for row in rows}) >= 40 and len(focus) >= 25
    assert all(row["lat"] is not None for row in rows if row["focus"])


def test_places_floor_with_coordinates_and_iso_admin1():
    from pipeline.gazetteer_index import load_places

    index = load_places()
    with_admin1 = [row for row in index.rows() if row.admin1_iso and -90 <= row.lat <= 90]
    assert len(with_admin1) >= 30_000


def distance_km(lat1, lon1, lat2, lon2) -> float:
    radius = 6371.0
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlambda = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * radius * math.asin(math.sqrt(a))


@pytest.mark.parametrize("text, span_text, link", [
    # an unknown camp or village after its head is a local place, not the alternate name of a town abroad
    ("Un jeune homme a été tué dans le camp de réfugiés d'al-Fara, en Cisjordanie.", "al-Fara", "PS"),
    ("Des hommes armés ont attaqué le village de Kalamba, dans le Nord-Kivu.", "Kalamba", "CD"),
])
def test_headed_unknown_name_is_not_a_homonym_abroad(nlp_entities, text, span_text, link):
    span = find_span(nlp_entities(text), span_text)
    assert (span.label_, span._.entity_id, span._.country_iso2) == ("PLACE", None, link)


def test_the_tail_of_a_longer_name_is_not_a_town_abroad(nlp_md):
    doc = nlp_md("En Irak, le colonel Karwan Fatih a été blessé lors des combats près de Kirkouk.")
    assert [span.text for span in doc.spans["conflict_entities"] if span.label_ == "PLACE"] == ["Kirkouk"]


@pytest.mark.parametrize("text, expected", [
    ("Au Burkina Faso, quatre soldats ont été tués dans la région de l'Est.", "BF-08"),
    ("Au Burkina Faso, une école a été incendiée dans la région de l’Est.", "BF-08"),
    # Niger has no such region: not Burkina Faso's
    ("Au Niger, une patrouille a été attaquée dans la région de l'Est.", None),
])
def test_region_named_with_an_elided_article(nlp_entities, text, expected):
    doc = nlp_entities(text)
    regions = [span._.admin1_iso for span in doc.spans["conflict_entities"] if span.label_ == "ADMIN1"]
    assert regions == ([expected] if expected else [])


def test_headed_name_in_an_article_about_another_country_is_a_local_place(nlp_entities):
    doc = nlp_entities("Au Nigeria, des bandits ont attaqué le lycée de la ville de Kaya, dans l'État de Zamfara.")
    span = find_span(doc, "Kaya")
    assert (span._.entity_id, span._.country_iso2, span._.admin1_iso) == (None, "NG", "NG-ZA")


def test_a_big_citys_french_spelling_is_found_in_an_article_about_another_country(nlp_entities):
    doc = nlp_entities("Un mort et treize blessés dans une frappe russe sur Zaporijjia.")
    span = find_span(doc, "Zaporijjia")
    assert (span.label_, span._.country_iso2) == ("PLACE", "UA")


def test_another_name_of_a_small_town_that_the_ner_calls_no_place_is_not_a_town(nlp_md):
    doc = nlp_md("« Lourd bilan » après l'attaque d'un camp militaire au Mali, où des soldats français étaient passés.")
    assert not [span for span in doc.spans["conflict_entities"] if span.label_ == "PLACE"]


def test_a_short_other_name_of_a_town_abroad_is_a_word(nlp_md):
    doc = nlp_md("Au Liban, une frappe israélienne a tué deux personnes, selon l'agence officielle libanaise (Ani).")
    assert not [span for span in doc.spans["conflict_entities"] if span.label_ == "PLACE"]
