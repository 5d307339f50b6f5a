"""Write data/samples/articles.jsonl and data/samples/articles-gold.jsonl from one table.

The sample articles are written by the project (no third-party text). Keeping text and gold in one
place guarantees that both files carry the same id, text and publication date.

usage: .venv/bin/python scripts/make_sample_gold.py
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from models.records import ACLED_SUB_EVENT_TYPES  # noqa: E402

OUTLET = "Exemple Info"


def inc(sub, start, end=None, *, text, country, admin1=None, admin1_name=None, place=None, kind=None,
        killed=None, injured=None, q="none_stated", ctext="", perp=None, status="unclaimed", target="",
        weapons=(), quantities=None, notes, primary=True, aggregate=False, precision="day", pod=None):
    """One gold incident in GOLD_FORMAT.md's field order; the event type follows from the sub-event type."""
    out = {
        "primary": primary, "aggregate": aggregate,
        "event_type": ACLED_SUB_EVENT_TYPES[sub], "sub_event_type": sub,
        "date_start": start, "date_end": end or start, "date_precision": precision, "part_of_day": pod,
        "date_text": text, "country_iso2": country, "admin1_iso": admin1, "admin1_name": admin1_name,
        "place": place, "place_kind": kind, "killed": killed, "injured": injured,
        "casualty_qualifier": q, "casualty_text": ctext, "perpetrator": perp, "perpetrator_status": status,
        "target": target, "weapons": list(weapons), "notes": notes,
    }
    if quantities:
        out["quantities"] = quantities
    return out


def qty(what, value, qualifier="exact"):
    return {"what": what, "value": value, "qualifier": qualifier}


ARTICLES = []


def article(id, title, published, evidence, text, incidents, notes=""):
    ARTICLES.append({
        "id": id, "url": f"https://example.org/{published.replace('-', '/')}/{id.removeprefix('sample-')}",
        "outlet": OUTLET, "published": published, "published_evidence": evidence, "title": title,
        "text": text, "incidents": incidents, "annotator_notes": notes,
    })


# --- 1. Drone strike on a base in Syria, no casualties (one drone downed, one fell inside) -------------
article(
    "sample-syrie-conoco-drones",
    "Syrie : la base de Conoco visée par deux drones, sans faire de blessés",
    "2024-08-08",
    "Written for the project; dated Thursday 2024-08-08, the attack is 'mercredi soir'.",
    "©(Photo de Delil SOULEIMAN/AFP)\n"
    "Deux drones chargés d'explosifs ont visé mercredi soir la base de la coalition internationale "
    "installée sur le champ gazier de Conoco, dans la province de Deir ez-Zor, dans l'est de la Syrie, "
    "sans faire de blessés parmi les militaires, a-t-on appris jeudi de sources concordantes.\n"
    "Selon un responsable des Forces démocratiques syriennes (FDS), alliées de Washington, le premier "
    "engin a été détruit en vol par la défense antiaérienne peu après 21h00. Le second s'est écrasé à "
    "l'intérieur du périmètre, où il a endommagé un entrepôt de carburant vide.\n"
    "L'attaque a été revendiquée dans la nuit par la Résistance islamique en Irak, une alliance de "
    "factions armées soutenues par Téhéran, qui affirme agir en solidarité avec les Palestiniens de Gaza.\n"
    "Un porte-parole du Pentagone a confirmé un « incident » à Conoco, précisant qu'aucun soldat "
    "américain n'avait été touché et qu'une évaluation des dégâts était en cours.\n"
    "Environ 900 militaires américains restent déployés dans le nord-est syrien dans le cadre de la lutte "
    "contre les cellules de l'État islamique. Leurs positions ont été prises pour cible à de nombreuses "
    "reprises depuis octobre, avant une accalmie de plusieurs mois au printemps.\n"
    "Le champ de Conoco, l'un des plus importants du pays avant la guerre, est contrôlé par les FDS "
    "depuis 2017.\n"
    "Avec AFP\n"
    "Partager sur Facebook\n"
    "Commentaires",
    [
        inc("Disrupted weapons use", "2024-08-07", text="mercredi soir", pod="evening", country="SY",
            admin1="SY-DY", admin1_name="Deir ez-Zor", place="Conoco", kind="military base",
            perp="Islamic Resistance in Iraq", status="claimed", target="US-led coalition base",
            weapons=["drone"], quantities=[qty("drone shot down", 1)],
            notes="The first of two explosive drones aimed at the coalition base at the Conoco gas field was destroyed in flight by air defences."),
        inc("Air/drone strike", "2024-08-07", text="mercredi soir", pod="evening", country="SY",
            admin1="SY-DY", admin1_name="Deir ez-Zor", place="Conoco", kind="military base",
            killed=0, injured=0, q="exact", ctext="sans faire de blessés parmi les militaires",
            perp="Islamic Resistance in Iraq", status="claimed", target="US-led coalition base",
            weapons=["drone"], quantities=[qty("drone", 1)],
            notes="The second drone crashed inside the Conoco base and damaged an empty fuel depot; no injuries; claimed by the Islamic Resistance in Iraq."),
        inc("Air/drone strike", "2023-10-01", "2024-08-08", text="depuis octobre", precision="month",
            country="SY", target="US forces in north-eastern Syria", weapons=[], primary=False, aggregate=True,
            notes="Aggregate: US positions in north-eastern Syria repeatedly targeted since October."),
    ],
    "The downed drone and the drone that fell inside are two incidents (GOLD_FORMAT rule). 'à de nombreuses "
    "reprises depuis octobre' is kept as an aggregate with no count and no weapon.",
)

# --- 2. Ambush in Mali: soldiers killed, attackers 'neutralisés' --------------------------------------
article(
    "sample-mali-embuscade-boni",
    "Mali : sept soldats tués dans une embuscade entre Boni et Hombori",
    "2024-06-10",
    "Written for the project; dated Monday 2024-06-10, the ambush is 'dimanche en fin de matinée'.",
    "Au moins sept militaires maliens ont été tués dimanche dans une embuscade tendue à un convoi de "
    "ravitaillement sur l'axe reliant Boni à Hombori, dans la région de Mopti, a annoncé lundi l'état-major "
    "des armées dans un communiqué.\n"
    "Le convoi, parti de Sévaré, a été pris à partie en fin de matinée par « des terroristes lourdement "
    "armés » circulant à moto et à bord de pick-up, selon le texte. La riposte des Forces armées maliennes "
    "(FAMa), appuyées par des vecteurs aériens, a permis de « neutraliser une vingtaine d'assaillants » et "
    "de récupérer de l'armement, affirme l'armée, qui fait également état de onze blessés dans ses rangs.\n"
    "Aucun bilan indépendant n'a pu être obtenu dans cette zone difficile d'accès. Une source locale "
    "jointe par téléphone a évoqué des « tirs nourris pendant plus de deux heures » et plusieurs camions "
    "incendiés.\n"
    "L'attaque n'a pas été revendiquée, mais un élu de la région l'a attribuée aux jihadistes du JNIM, "
    "la coalition affiliée à Al-Qaïda, très active dans ce secteur où elle impose un "
    "blocus à plusieurs localités.\n"
    "La junte au pouvoir à Bamako depuis 2020 a rompu avec la France et s'est tournée vers la Russie. "
    "Elle assure régulièrement que la situation sécuritaire s'améliore.\n"
    "Partager sur Facebook\n"
    "Commentaires",
    [
        inc("Armed clash", "2024-06-09", text="dimanche ... en fin de matinée", pod="morning", country="ML",
            admin1="ML-5", admin1_name="Mopti", place="Boni", kind="town",
            killed=27, injured=11, q="approx",
            ctext="Au moins sept militaires maliens ont été tués ... neutraliser une vingtaine d'assaillants ... onze blessés",
            perp="JNIM", status="suspected", target="Malian army (FAMa) supply convoy",
            weapons=["firearms"], notes="Ambush on a FAMa supply convoy on the Boni-Hombori road; at least 7 soldiers and about 20 attackers killed, 11 soldiers wounded; a local official blamed JNIM."),
    ],
    "Killed counts every side: 7 soldiers (at least) + about 20 attackers 'neutralised'. Place is the road "
    "between Boni and Hombori; Boni is given as the nearest named town.",
)

# --- 3. Overnight Russian wave on Ukraine: three named towns with separate tolls + interceptions -------
article(
    "sample-ukraine-vague-nuit",
    "Ukraine : une vague de missiles et de drones fait au moins cinq morts",
    "2024-11-17",
    "Written for the project; dated Sunday 2024-11-17, the strikes happened 'dans la nuit de samedi à dimanche'.",
    "©(Photo de Sergey BOBOK/AFP)\n"
    "La Russie a lancé dans la nuit de samedi à dimanche l'une de ses plus vastes attaques combinées de "
    "missiles et de drones contre l'Ukraine depuis plusieurs mois, tuant au moins cinq personnes dans "
    "trois villes, selon les autorités locales.\n"
    "À Kharkiv, deuxième ville du pays, deux missiles Iskander ont frappé un quartier résidentiel vers "
    "4h00 du matin. Trois habitants ont péri et douze autres ont été blessés, dont deux enfants, a "
    "indiqué le gouverneur régional Oleg Synegoubov.\n"
    "Dans la région d'Odessa, un drone explosif a touché un entrepôt du port de Pivdenné, faisant un mort "
    "parmi les employés et déclenchant un incendie maîtrisé au petit matin.\n"
    "À Kryvyï Rih, ville natale du président Volodymyr Zelensky, un missile balistique a endommagé une "
    "infrastructure énergétique. Un homme de 54 ans a été tué et quatre personnes blessées, a précisé le "
    "chef de l'administration militaire locale.\n"
    "L'armée de l'air ukrainienne a affirmé de son côté avoir abattu 31 des 44 drones de type Shahed et "
    "huit des douze missiles tirés par Moscou au cours de la nuit. Une dizaine de drones ont été « perdus » "
    "après un brouillage électronique, selon la même source.\n"
    "Lire aussi\n"
    "Énergie : Kiev prépare un hiver sous la menace des coupures",
    [
        inc("Shelling/artillery/missile attack", "2024-11-16", "2024-11-17", text="dans la nuit de samedi à dimanche ... vers 4h00 du matin",
            pod="night", country="UA", admin1="UA-63", admin1_name="Kharkiv Oblast", place="Kharkiv", kind="town",
            killed=3, injured=12, q="exact", ctext="Trois habitants ont péri et douze autres ont été blessés",
            perp="Russian armed forces", status="stated", target="residential district", weapons=["missile"],
            quantities=[qty("missile", 2)],
            notes="Two Iskander missiles hit a residential district of Kharkiv overnight: 3 killed, 12 injured including two children."),
        inc("Air/drone strike", "2024-11-16", "2024-11-17", text="dans la nuit de samedi à dimanche",
            pod="night", country="UA", admin1="UA-51", admin1_name="Odesa Oblast", place="Pivdenné", kind="town",
            killed=1, injured=None, q="exact", ctext="faisant un mort parmi les employés",
            perp="Russian armed forces", status="stated", target="port warehouse", weapons=["drone"],
            notes="An explosive drone hit a warehouse of the port of Pivdenne (Odesa region) overnight, killing one worker."),
        inc("Shelling/artillery/missile attack", "2024-11-16", "2024-11-17", text="dans la nuit de samedi à dimanche",
            pod="night", country="UA", admin1="UA-12", admin1_name="Dnipropetrovsk Oblast", place="Kryvyï Rih", kind="town",
            killed=1, injured=4, q="exact", ctext="Un homme de 54 ans a été tué et quatre personnes blessées",
            perp="Russian armed forces", status="stated", target="energy infrastructure", weapons=["missile"],
            notes="A ballistic missile damaged energy infrastructure in Kryvyi Rih overnight: 1 killed, 4 injured."),
        inc("Disrupted weapons use", "2024-11-16", "2024-11-17", text="au cours de la nuit",
            pod="night", country="UA", kind="region",
            perp="Russian armed forces", status="stated", target="Ukrainian territory", weapons=["drone", "missile"],
            quantities=[qty("drone shot down", 31), qty("drone launched", 44), qty("missile shot down", 8),
                        qty("missile launched", 12), qty("drone lost to jamming", 10, "approx")],
            notes="Ukrainian air force says it shot down 31 of 44 Shahed drones and 8 of 12 missiles overnight; about ten drones jammed."),
    ],
    "One incident per named town, each with its own toll; the 'au moins cinq' lead is the sum (3+1+1) and "
    "is not an incident. Interceptions are one Disrupted weapons use incident over Ukraine (no place).",
)

# --- 4. Kidnapping in Nigeria ---------------------------------------------------------------------------
article(
    "sample-nigeria-enlevement-kajuru",
    "Nigeria : une quarantaine de fidèles enlevés dans l'État de Kaduna",
    "2024-03-13",
    "Written for the project; dated Wednesday 2024-03-13, the abduction is 'le 12 mars au soir'.",
    "Des hommes armés non identifiés ont enlevé le 12 mars au soir une quarantaine de personnes réunies "
    "pour une veillée de prière dans une église du village de Kajuru, dans l'État de Kaduna (nord-ouest "
    "du Nigeria), a indiqué mercredi la police locale.\n"
    "Les ravisseurs, arrivés à moto en tirant en l'air, ont encerclé le bâtiment avant d'emmener leurs "
    "victimes, parmi lesquelles des femmes et au moins six enfants, vers une forêt voisine. Aucun blessé "
    "n'a été signalé, selon le porte-parole de la police de l'État, qui dit avoir déployé des unités "
    "tactiques pour « secourir les otages ».\n"
    "Un habitant joint par téléphone affirme que les assaillants étaient « plus de cinquante » et qu'ils "
    "ont également pillé plusieurs boutiques avant de repartir.\n"
    "Les enlèvements contre rançon, œuvre de bandes criminelles que les habitants appellent « bandits », "
    "sont devenus une industrie lucrative dans le nord-ouest et le centre du pays. Selon un cabinet de "
    "conseil en sécurité basé à Lagos, plus de 1 400 personnes ont été kidnappées au Nigeria depuis "
    "janvier.\n"
    "Le président Bola Tinubu, élu l'an dernier en promettant de rétablir la sécurité, fait face à des "
    "critiques croissantes.\n"
    "Avec AFP",
    [
        inc("Abduction/forced disappearance", "2024-03-12", text="le 12 mars au soir", pod="evening",
            country="NG", admin1="NG-KD", admin1_name="Kaduna", place="Kajuru", kind="town",
            killed=None, injured=0, q="exact", ctext="Aucun blessé n'a été signalé",
            perp=None, status="unclaimed", target="worshippers at a church prayer vigil", weapons=["firearms"],
            quantities=[qty("person abducted", 40, "approx"), qty("child abducted", 6, "at_least")],
            notes="Unidentified gunmen abducted about forty worshippers, including at least six children, from a church in Kajuru; no injuries reported; shops looted."),
        inc("Abduction/forced disappearance", "2024-01-01", "2024-03-13", text="depuis janvier", precision="month",
            country="NG", primary=False, aggregate=True, target="civilians",
            quantities=[qty("person abducted", 1400, "at_least")],
            notes="Aggregate: more than 1,400 people kidnapped in Nigeria since January (security consultancy)."),
    ],
    "Looting of shops belongs to the same raid and is not a separate incident. Killed is null (not stated); "
    "injured 0 from 'Aucun blessé'.",
)

# --- 5. Car bomb in Mogadishu claimed by al-Shabaab; dump repeats the body --------------------------
_MOGADISHU = (
    "Au moins neuf personnes ont été tuées et une vingtaine blessées samedi matin par l'explosion d'une "
    "voiture piégée garée près d'un poste de contrôle de la police, dans le district de Hodan, à "
    "Mogadiscio, ont indiqué des sources policières et hospitalières.\n"
    "La charge a explosé vers 8h30, à l'heure où les commerçants ouvraient leurs échoppes le long de "
    "l'avenue. Parmi les morts figurent quatre policiers, a précisé un officier, Abdirahman Hassan, "
    "joint par l'AFP.\n"
    "Les shebab, groupe islamiste affilié à Al-Qaïda, ont revendiqué l'attentat sur une de leurs radios, "
    "affirmant avoir visé « les forces apostates ».\n"
    "Les insurgés mènent depuis 2007 une guérilla contre le gouvernement fédéral, soutenu par la "
    "communauté internationale et une force de l'Union africaine.\n"
)
article(
    "sample-somalie-voiture-piegee-hodan",
    "Somalie : une voiture piégée fait au moins neuf morts à Mogadiscio",
    "2024-09-21",
    "Written for the project; dated Saturday 2024-09-21, the blast is 'samedi matin' (publication weekday, past tense: same day).",
    _MOGADISHU + "Avec AFP\n" + _MOGADISHU,
    [
        inc("Remote explosive/landmine/IED", "2024-09-21", text="samedi matin", pod="morning", country="SO",
            admin1="SO-BN", admin1_name="Banaadir", place="Hodan", kind="town",
            killed=9, injured=20, q="at_least",
            ctext="Au moins neuf personnes ont été tuées et une vingtaine blessées",
            perp="Al Shabaab", status="claimed", target="police checkpoint and civilians",
            weapons=["car_bomb"],
            notes="Parked car bomb near a police checkpoint in Hodan district, Mogadishu: at least 9 killed (4 police), about 20 injured; claimed by al-Shabaab."),
        inc("Armed clash", "2007-01-01", "2024-09-21", text="depuis 2007", precision="year", country="SO",
            perp="Al Shabaab", status="stated", target="Somali federal government", primary=False, aggregate=True,
            notes="Aggregate: al-Shabaab insurgency against the federal government since 2007."),
    ],
    "The dump repeats the whole body after 'Avec AFP'; the repeat is the same incident.",
)

# --- 6. Israeli airstrike in southern Lebanon + Hezbollah rockets in reply -----------------------------
article(
    "sample-liban-frappe-kfar-kila",
    "Liban-Sud : deux civils, dont un enfant, tués dans une frappe israélienne",
    "2024-02-08",
    "Written for the project; dated Thursday 2024-02-08; the strike is 'hier' (2024-02-07).",
    "Deux civils, dont un enfant de 11 ans, ont été tués hier dans une frappe aérienne israélienne sur une "
    "maison du village de Kfar Kila, dans le sud du Liban, a rapporté l'Agence nationale d'information "
    "(ANI, officielle).\n"
    "Trois autres membres de la famille ont été blessés et transportés à l'hôpital de Marjayoun. L'armée "
    "israélienne a indiqué avoir visé « une infrastructure terroriste du Hezbollah » dans ce secteur.\n"
    "En représailles, le mouvement chiite libanais a annoncé avoir tiré dans la soirée une salve de "
    "roquettes Katioucha sur Kiryat Shmona, dans le nord d'Israël. Les services de secours israéliens "
    "n'ont fait état d'aucune victime, les projectiles étant tombés dans une zone inhabitée.\n"
    "Depuis le début de la guerre à Gaza, les échanges de tirs sont quasi quotidiens à la frontière "
    "libano-israélienne. Ils ont fait plus de 230 morts côté libanais, en majorité des combattants, selon "
    "un décompte de l'AFP. Le ministère libanais de la Santé a dénoncé une « attaque délibérée contre des civils ».\n"
    "Commentaires",
    [
        inc("Air/drone strike", "2024-02-07", text="hier", country="LB", admin1="LB-NA",
            admin1_name="Nabatieh", place="Kfar Kila", kind="town",
            killed=2, injured=3, q="exact", ctext="Deux civils, dont un enfant de 11 ans, ont été tués ... Trois autres membres de la famille ont été blessés",
            perp="Israel Defense Forces", status="stated", target="house in Kfar Kila (civilians)",
            weapons=["airstrike"],
            notes="Israeli airstrike on a house in Kfar Kila killed two civilians, including an 11-year-old child, and wounded three."),
        inc("Shelling/artillery/missile attack", "2024-02-07", text="dans la soirée", pod="evening",
            country="IL", admin1="IL-Z", admin1_name="Northern District", place="Kiryat Shmona", kind="town",
            killed=0, injured=0, q="exact", ctext="n'ont fait état d'aucune victime",
            perp="Hezbollah", status="claimed", target="Kiryat Shmona", weapons=["rocket"],
            notes="Hezbollah claimed a Katyusha rocket salvo on Kiryat Shmona in the evening in retaliation; no casualties."),
        inc("Armed clash", "2023-10-08", "2024-02-08", text="Depuis le début de la guerre à Gaza", precision="month",
            country="LB", killed=230, q="at_least", ctext="plus de 230 morts côté libanais",
            target="Lebanon-Israel border", primary=False, aggregate=True,
            notes="Aggregate: near-daily cross-border fire since the Gaza war began, more than 230 killed on the Lebanese side."),
    ],
    "'dans la soirée' follows 'hier' and dates the rockets the same day. Kfar Kila is in Marjayoun district, "
    "Nabatieh governorate. The aggregate is coded as armed clash for want of a single kind.",
)

# --- 7. DR Congo: M23 takes a locality, clashes with FARDC the next day ------------------------------
article(
    "sample-rdc-m23-sake",
    "RDC : combats entre le M23 et l'armée près de Sake",
    "2024-01-16",
    "Written for the project; dated Tuesday 2024-01-16; fighting 'lundi' (2024-01-15); capture 'la veille' of it (2024-01-14).",
    "De violents combats ont opposé lundi les rebelles du M23 aux Forces armées de la RDC (FARDC) et à "
    "leurs supplétifs wazalendo dans les collines qui surplombent Sake, à une vingtaine de kilomètres de "
    "Goma, dans la province du Nord-Kivu, ont rapporté des sources locales et sécuritaires.\n"
    "Au moins 12 personnes, dont cinq civils atteints par des obus, ont été tuées, selon un bilan "
    "provisoire établi par la société civile du territoire de Masisi. Une trentaine de blessés ont été "
    "admis à l'hôpital de Sake, qui manque de sang et de médicaments.\n"
    "La veille, le M23 s'était emparé de la localité de Kimoka après le retrait des militaires, selon "
    "un chef coutumier. Des milliers d'habitants ont fui vers Goma à pied, chargés de matelas et d'ustensiles.\n"
    "Le gouvernement congolais accuse le Rwanda voisin de soutenir le M23, ce que Kigali dément. La "
    "rébellion, réapparue fin 2021, contrôle de larges pans des territoires de Rutshuru et de Masisi.\n"
    "©(Photo de Alexis HUGUET/AFP)\n"
    "Lire aussi\n"
    "Nord-Kivu : à Goma, les déplacés s'entassent dans des camps saturés",
    [
        inc("Armed clash", "2024-01-15", text="lundi", country="CD", admin1="CD-NK", admin1_name="Nord-Kivu",
            place="Sake", kind="town", killed=12, injured=30, q="at_least",
            ctext="Au moins 12 personnes, dont cinq civils atteints par des obus, ont été tuées ... Une trentaine de blessés",
            perp="M23", status="stated", target="FARDC and wazalendo militias", weapons=["artillery"],
            notes="M23 fought FARDC and wazalendo around Sake: at least 12 killed including five civilians hit by shells, about 30 wounded."),
        inc("Non-state actor overtakes territory", "2024-01-14", text="La veille", country="CD", admin1="CD-NK",
            admin1_name="Nord-Kivu", place="Kimoka", kind="town",
            perp="M23", status="stated", target="FARDC", weapons=[],
            notes="The day before the Sake fighting, M23 took Kimoka after the army withdrew."),
    ],
    "'La veille' is the day before Monday's fighting, not before publication.",
)

# --- 8. Gang attack in Haiti -------------------------------------------------------------------------
article(
    "sample-haiti-gangs-solino",
    "Haïti : une dizaine de morts dans une attaque de gangs à Port-au-Prince",
    "2024-10-24",
    "Written for the project; dated Thursday 2024-10-24; the attack is 'mardi soir' (2024-10-22).",
    "Une dizaine d'habitants ont été tués mardi soir lors d'une incursion de membres de la coalition de "
    "gangs Viv Ansanm dans le quartier de Solino, à Port-au-Prince, selon un collectif de riverains et "
    "une organisation de défense des droits humains.\n"
    "Les assaillants, lourdement armés, ont tiré sur des passants et mis le feu à une quinzaine de "
    "maisons, forçant des centaines de familles à fuir vers des sites de déplacés déjà surpeuplés. Au "
    "moins sept personnes blessées par balle ont été soignées dans un centre de Médecins sans frontières.\n"
    "La police nationale haïtienne, appuyée par la mission multinationale conduite par le Kenya, a "
    "affirmé mercredi avoir repris position à l'entrée du quartier, sans donner de bilan.\n"
    "Selon l'ONU, les gangs contrôlent environ 80 % de la capitale. Plus de 3 600 personnes ont été "
    "tuées dans le pays au premier semestre.\n"
    "Lire aussi\n"
    "Haïti : le Conseil présidentiel de transition sous pression\n"
    "Partager sur Facebook",
    [
        inc("Attack", "2024-10-22", text="mardi soir", pod="evening", country="HT", admin1="HT-OU",
            admin1_name="Ouest", place="Solino", kind="town", killed=10, injured=7, q="approx",
            ctext="Une dizaine d'habitants ont été tués ... Au moins sept personnes blessées par balle",
            perp="Viv Ansanm", status="stated", target="residents of Solino", weapons=["firearms"],
            quantities=[qty("house burned", 15, "approx")],
            notes="Viv Ansanm gang coalition raided Solino (Port-au-Prince), shooting passers-by and burning about 15 houses: about 10 killed, at least 7 wounded."),
        inc("Attack", "2024-01-01", "2024-06-30", text="au premier semestre", precision="month", country="HT",
            killed=3600, q="at_least", ctext="Plus de 3 600 personnes ont été tuées", target="civilians",
            primary=False, aggregate=True,
            notes="Aggregate: more than 3,600 people killed in Haiti in the first half of the year (UN)."),
    ],
    "House burnings belong to the same raid (one incident, gravest kind). Solino is a neighbourhood; "
    "place_kind 'town' as the gold sets do for urban districts.",
)

# --- 9. Niger: attack on an army post, with background and aggregates ----------------------------------
article(
    "sample-niger-tassia-contexte",
    "Niger : six soldats tués dans l'attaque d'un poste militaire à Tassia",
    "2024-07-02",
    "Written for the project; dated Tuesday 2024-07-02; the attack is 'lundi' (2024-07-01).",
    "Six soldats nigériens ont été tués lundi dans l'attaque de leur poste à Tassia, dans la région de "
    "Tillabéri, près de la frontière avec le Burkina Faso, a annoncé le ministère de la Défense.\n"
    "Des « terroristes » ont pris d'assaut le poste au petit matin, a précisé le ministère, qui affirme "
    "que « plusieurs dizaines d'assaillants » ont été tués lors de la riposte. L'attaque est attribuée par "
    "des sources sécuritaires à l'État islamique au Sahel (EIGS).\n"
    "Cette zone dite « des trois frontières » est l'une des plus meurtries du pays. En avril, une "
    "embuscade dans le même secteur avait tué neuf militaires près de la localité de Tamou. Fin janvier, "
    "une frappe de drone de l'armée avait visé un rassemblement de jihadistes présumés près de Makalondi.\n"
    "Selon une ONG spécialisée dans le recensement des violences, la région de Tillabéri a connu plus de "
    "200 attaques depuis janvier, et au moins 450 civils y ont été tués l'an dernier.\n"
    "Le régime militaire arrivé au pouvoir en juillet 2023 a fait de la lutte antijihadiste sa priorité.\n"
    "Partager sur Facebook",
    [
        inc("Armed clash", "2024-07-01", text="lundi ... au petit matin", pod="morning", country="NE",
            admin1="NE-6", admin1_name="Tillabéri", place="Tassia", kind="military base",
            killed=6, injured=None, q="exact", ctext="Six soldats nigériens ont été tués",
            perp="Islamic State Sahel Province", status="suspected", target="Niger army post",
            weapons=[],
            notes="Dawn assault on the army post at Tassia: 6 soldiers killed; 'several dozen' attackers reported killed (uncounted); attributed to IS Sahel."),
        inc("Armed clash", "2024-04-01", "2024-04-30", text="En avril", precision="month", country="NE",
            admin1="NE-6", admin1_name="Tillabéri", place="Tamou", kind="town",
            killed=9, q="exact", ctext="avait tué neuf militaires", target="Niger army",
            primary=False, notes="Background: an April ambush near Tamou killed nine soldiers."),
        inc("Air/drone strike", "2024-01-21", "2024-01-31", text="Fin janvier", precision="month", country="NE",
            admin1="NE-6", admin1_name="Tillabéri", place="Makalondi", kind="town",
            perp="Military Forces of Niger", status="stated", target="suspected jihadists", weapons=["drone"],
            primary=False, notes="Background: late-January army drone strike on a gathering of suspected jihadists near Makalondi."),
        inc("Armed clash", "2024-01-01", "2024-07-02", text="depuis janvier", precision="month", country="NE",
            admin1="NE-6", admin1_name="Tillabéri", kind="region", target="",
            quantities=[qty("attack", 200, "at_least")], primary=False, aggregate=True,
            notes="Aggregate: more than 200 attacks in Tillabéri region since January (NGO count)."),
        inc("Attack", "2023-01-01", "2023-12-31", text="l'an dernier", precision="year", country="NE",
            admin1="NE-6", admin1_name="Tillabéri", kind="region", killed=450, q="at_least",
            ctext="au moins 450 civils y ont été tués", target="civilians", primary=False, aggregate=True,
            notes="Aggregate: at least 450 civilians killed in Tillabéri region last year."),
    ],
    "'plusieurs dizaines d'assaillants' has no number: killed keeps the 6 stated soldiers. The aggregate "
    "'plus de 200 attaques' names no kind; coded Armed clash for want of better.",
)

# --- 10. Riot in Conakry ----------------------------------------------------------------------------
article(
    "sample-guinee-emeutes-conakry",
    "Guinée : un mort et des blessés lors de heurts à Conakry",
    "2024-05-21",
    "Written for the project; dated Tuesday 2024-05-21; the riots are 'lundi' (2024-05-20).",
    "Un jeune homme a été tué par balle et une dizaine de personnes, dont six agents des forces de "
    "l'ordre, ont été blessées lundi lors de heurts dans le quartier de Hamdallaye, à Conakry, selon des "
    "sources hospitalières et un responsable de la police.\n"
    "Des centaines de jeunes protestant contre des coupures d'électricité à répétition ont érigé des "
    "barricades de pneus enflammés sur l'axe dit « Le Prince » et lancé des pierres sur les gendarmes, "
    "qui ont répliqué par des tirs de gaz lacrymogène. Une station-service et deux véhicules de police "
    "ont été incendiés.\n"
    "Le gouvernement de transition a dénoncé des « actes de vandalisme » et annoncé l'ouverture d'une "
    "enquête sur la mort du manifestant. Sa famille accuse les forces de sécurité.\n"
    "Depuis l'arrivée au pouvoir des militaires en 2021, les manifestations sont interdites, mais des "
    "rassemblements éclatent régulièrement dans la banlieue de la capitale. Mardi matin, le calme était revenu à Hamdallaye, mais de "
    "nombreux commerces gardaient leurs rideaux baissés.\n"
    "Commentaires",
    [
        inc("Violent demonstration", "2024-05-20", text="lundi", country="GN", admin1="GN-C",
            admin1_name="Conakry", place="Hamdallaye", kind="town", killed=1, injured=10, q="approx",
            ctext="Un jeune homme a été tué par balle et une dizaine de personnes, dont six agents des forces de l'ordre, ont été blessées",
            perp="Rioters (Guinea)", status="stated", target="gendarmes and police vehicles",
            weapons=["other"],
            notes="Youths protesting power cuts burned tyres, threw stones and torched a petrol station and two police vehicles in Hamdallaye; one protester shot dead, about ten injured including six officers."),
    ],
    "One riot; the shooting of a protester during it is part of the same event.",
)

# --- 11. Israeli arrest raid in the West Bank ----------------------------------------------------------
article(
    "sample-cisjordanie-raid-balata",
    "Cisjordanie : une quinzaine d'arrestations lors d'un raid dans le camp de Balata",
    "2024-12-09",
    "Written for the project; dated Monday 2024-12-09; the raid is 'dans la nuit de dimanche à lundi'.",
    "Les forces israéliennes ont arrêté une quinzaine de Palestiniens lors d'une opération menée dans la "
    "nuit de dimanche à lundi dans le camp de réfugiés de Balata, à l'est de Naplouse, dans le nord de la "
    "Cisjordanie occupée, a indiqué le Club des prisonniers palestiniens.\n"
    "Des dizaines de véhicules militaires sont entrés dans le camp peu après minuit et des soldats ont "
    "fouillé plusieurs maisons, selon des témoins. Un habitant raconte que des familles entières ont été "
    "regroupées dans une seule pièce pendant les perquisitions. Aucune victime n'a été signalée.\n"
    "L'armée israélienne a confirmé une « opération antiterroriste » à Balata, sans préciser le nombre de "
    "personnes interpellées. Elle affirme avoir saisi des armes et du matériel servant à fabriquer des "
    "engins explosifs.\n"
    "Les raids israéliens se sont multipliés en Cisjordanie depuis le 7 octobre 2023. Plus de 11 000 "
    "Palestiniens y ont été arrêtés depuis cette date, selon des organisations de prisonniers.\n"
    "Avec AFP",
    [
        inc("Arrests", "2024-12-08", "2024-12-09", text="dans la nuit de dimanche à lundi", pod="night",
            country="PS", admin1="PS-NBS", admin1_name="Nablus", place="Balata", kind="camp",
            killed=0, injured=0, q="exact", ctext="Aucune victime n'a été signalée",
            perp="Israel Defense Forces", status="stated", target="Palestinians in Balata camp", weapons=[],
            quantities=[qty("person arrested", 15, "approx")],
            notes="Overnight Israeli raid in Balata refugee camp near Nablus: about 15 Palestinians arrested, weapons seized, no casualties."),
        inc("Arrests", "2023-10-07", "2024-12-09", text="depuis le 7 octobre 2023", precision="month", country="PS",
            perp="Israel Defense Forces", status="stated", target="Palestinians in the West Bank",
            quantities=[qty("person arrested", 11000, "at_least")], primary=False, aggregate=True,
            notes="Aggregate: more than 11,000 Palestinians arrested in the West Bank since 7 October 2023."),
    ],
    "",
)

# --- 12-14. No incident ---------------------------------------------------------------------------------
article(
    "sample-senegal-accident-route",
    "Sénégal : 14 morts dans une collision entre un car et un camion",
    "2024-04-12",
    "Written for the project; dated Friday 2024-04-12.",
    "Quatorze personnes ont trouvé la mort et vingt-trois autres ont été blessées jeudi soir dans une "
    "collision entre un car de transport interurbain et un camion-citerne sur la route nationale 1, près "
    "de Kaffrine, dans le centre du Sénégal, ont annoncé les sapeurs-pompiers.\n"
    "Le car, qui transportait une soixantaine de passagers vers Tambacounda, aurait tenté un dépassement "
    "dans un virage, selon les premiers éléments de l'enquête. Plusieurs blessés graves ont été évacués "
    "vers l'hôpital régional, dont le service des urgences a été débordé pendant la nuit.\n"
    "Le ministre des Transports s'est rendu sur place vendredi matin et a décrété trois jours de deuil "
    "dans la commune. « C'est une tragédie de plus sur nos routes », a-t-il déclaré, promettant un "
    "renforcement des contrôles techniques.\n"
    "Les accidents de la circulation font chaque année plusieurs centaines de morts au Sénégal, où le "
    "parc de véhicules est vieillissant et l'état des routes souvent dégradé. En janvier 2023, une "
    "collision près de la même ville avait fait une quarantaine de morts.\n"
    "Partager sur Facebook\n"
    "Commentaires",
    [],
    "Road accident: 'morts', 'blessés', 'collision' but no political violence. The January 2023 crash is "
    "an accident too. incidents is empty.",
)

article(
    "sample-football-bataille-kinshasa",
    "Ligue 1 congolaise : Vita Club arrache le nul au terme d'une bataille",
    "2024-09-03",
    "Written for the project; dated Tuesday 2024-09-03.",
    "Le choc entre l'AS Vita Club et le TP Mazembe a tourné à la bataille rangée sur la pelouse du stade "
    "des Martyrs, dimanche à Kinshasa (1-1). Devant plus de 60 000 spectateurs, les deux équipes se sont "
    "livré un duel âpre, ponctué de six cartons jaunes et d'une exclusion.\n"
    "Les Corbeaux de Lubumbashi ont ouvert le score dès la 12e minute d'une frappe surpuissante qui a "
    "fusillé le gardien adverse. Vita Club a longtemps bombardé la surface sans trouver la faille, avant "
    "qu'un coup de tête de son capitaine ne fasse exploser le stade à la 88e minute.\n"
    "« C'était une guerre, on a laissé nos tripes sur le terrain », a résumé l'entraîneur des Dauphins "
    "noirs après la rencontre. Son homologue a dénoncé un arbitrage « assassin ».\n"
    "Au classement, Mazembe conserve la tête avec deux points d'avance. Prochain rendez-vous samedi, "
    "avec un déplacement périlleux à Goma.\n"
    "Commentaires",
    [],
    "Football match described with war metaphors (bataille, fusillé, bombardé, exploser, guerre, assassin). No incident.",
)

article(
    "sample-critique-film-guerre",
    "Cinéma : « Les Collines de Diên Biên », la guerre sans fard",
    "2025-02-14",
    "Written for the project; dated Friday 2025-02-14.",
    "©(Photo de Jean-Pierre DUVAL/AFP)\n"
    "Il faut une bonne dose de courage au spectateur pour tenir les deux heures quarante des « Collines "
    "de Diên Biên », le nouveau film de la réalisatrice Claire Mandel, en salles mercredi. Dès la première "
    "séquence, un bombardement nocturne filmé caméra à l'épaule, le ton est donné : ici, pas d'héroïsme.\n"
    "Le récit suit une compagnie de légionnaires encerclée au printemps 1954 dans la cuvette tonkinoise. "
    "Les assauts du Viêt-minh s'enchaînent, l'artillerie pilonne les tranchées, une embuscade décime une "
    "patrouille partie chercher de l'eau. On compte les morts à voix basse, on ampute sans anesthésie.\n"
    "La mise en scène, d'une précision clinique, évite le piège du spectaculaire. Les explosions sont "
    "souvent hors champ, ce qui les rend plus terribles encore. Seule la musique, trop appuyée, alourdit "
    "quelques scènes.\n"
    "Porté par un jeune comédien révélé au théâtre, le film interroge la mémoire d'une défaite longtemps "
    "tue. Certains anciens combattants, invités à une avant-première à Paris, ont salué sa justesse.\n"
    "Lire aussi\n"
    "Festival de Berlin : le palmarès attendu dimanche",
    [],
    "Film review: bombardment, assaults, ambush and artillery are fiction about 1954. No incident.",
)


def main() -> None:
    out = ROOT / "data" / "samples"
    out.mkdir(parents=True, exist_ok=True)
    plain_keys = ("id", "title", "text", "published", "url", "outlet")
    with open(out / "articles.jsonl", "w", encoding="utf-8") as f:
        for a in ARTICLES:
            f.write(json.dumps({k: a[k] for k in plain_keys}, ensure_ascii=False) + "\n")
    gold_keys = ("id", "url", "outlet", "published", "published_evidence", "title", "text", "incidents",
                 "annotator_notes")
    with open(out / "articles-gold.jsonl", "w", encoding="utf-8") as f:
        for a in ARTICLES:
            f.write(json.dumps({k: a[k] for k in gold_keys}, ensure_ascii=False) + "\n")
    print(f"wrote {len(ARTICLES)} articles")


if __name__ == "__main__":
    main()
