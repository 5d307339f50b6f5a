"""The incident record: one event as a conflict analyst would code it, every field traceable to its words.

Field names follow `shared/corpus/GOLD_FORMAT.md` and the reference scorer (`date.start`, `location.country_iso2`,
`killed.value`, `perpetrator.name`, ...). ACLED strings are spelled as in the ACLED codebook.
"""
from __future__ import annotations

import hashlib
import json
from datetime import date as Date
from enum import Enum

from pydantic import BaseModel, ConfigDict, Field, model_validator


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, use_enum_values=True)


class MentionType(str, Enum):
    new = "new"
    background = "background"
    aggregate = "aggregate"


class EventType(str, Enum):
    battles = "Battles"
    explosions = "Explosions/Remote violence"
    violence_against_civilians = "Violence against civilians"
    strategic_developments = "Strategic developments"
    riots = "Riots"
    protests = "Protests"


class SubEventType(str, Enum):
    armed_clash = "Armed clash"
    government_regains_territory = "Government regains territory"
    non_state_actor_overtakes_territory = "Non-state actor overtakes territory"
    chemical_weapon = "Chemical weapon"
    air_drone_strike = "Air/drone strike"
    suicide_bomb = "Suicide bomb"
    shelling = "Shelling/artillery/missile attack"
    remote_explosive = "Remote explosive/landmine/IED"
    grenade = "Grenade"
    sexual_violence = "Sexual violence"
    attack = "Attack"
    abduction = "Abduction/forced disappearance"
    agreement = "Agreement"
    arrests = "Arrests"
    change_to_group = "Change to group/activity"
    disrupted_weapons_use = "Disrupted weapons use"
    headquarters_established = "Headquarters or base established"
    looting = "Looting/property destruction"
    non_violent_transfer = "Non-violent transfer of territory"
    other = "Other"
    violent_demonstration = "Violent demonstration"
    mob_violence = "Mob violence"
    peaceful_protest = "Peaceful protest"
    protest_with_intervention = "Protest with intervention"
    excessive_force = "Excessive force against protesters"


ACLED_SUB_EVENT_TYPES: dict[str, str] = {
    "Armed clash": "Battles",
    "Government regains territory": "Battles",
    "Non-state actor overtakes territory": "Battles",
    "Chemical weapon": "Explosions/Remote violence",
    "Air/drone strike": "Explosions/Remote violence",
    "Suicide bomb": "Explosions/Remote violence",
    "Shelling/artillery/missile attack": "Explosions/Remote violence",
    "Remote explosive/landmine/IED": "Explosions/Remote violence",
    "Grenade": "Explosions/Remote violence",
    "Sexual violence": "Violence against civilians",
    "Attack": "Violence against civilians",
    "Abduction/forced disappearance": "Violence against civilians",
    "Agreement": "Strategic developments",
    "Arrests": "Strategic developments",
    "Change to group/activity": "Strategic developments",
    "Disrupted weapons use": "Strategic developments",
    "Headquarters or base established": "Strategic developments",
    "Looting/property destruction": "Strategic developments",
    "Non-violent transfer of territory": "Strategic developments",
    "Other": "Strategic developments",
    "Violent demonstration": "Riots",
    "Mob violence": "Riots",
    "Peaceful protest": "Protests",
    "Protest with intervention": "Protests",
    "Excessive force against protesters": "Protests",
}


class DatePrecision(str, Enum):
    day = "day"
    week = "week"
    month = "month"
    season = "season"
    year = "year"
    unknown = "unknown"


class PartOfDay(str, Enum):
    morning = "morning"
    afternoon = "afternoon"
    evening = "evening"
    night = "night"


class PlaceKind(str, Enum):
    town = "town"
    military_base = "military base"
    camp = "camp"
    border_post = "border post"
    region = "region"
    other = "other"


class CountQualifier(str, Enum):
    exact = "exact"
    at_least = "at_least"
    at_most = "at_most"
    approx = "approx"
    range = "range"
    none_stated = "none_stated"


class ActorStatus(str, Enum):
    stated = "stated"
    claimed = "claimed"
    suspected = "suspected"
    unclaimed = "unclaimed"


class ActorKind(str, Enum):
    state_force = "state force"
    rebel_group = "rebel group"
    jihadist_group = "jihadist group"
    militia = "militia"
    communal_militia = "communal militia"
    international_force = "international force"
    gang = "gang"
    rioters = "rioters"
    protesters = "protesters"
    civilians = "civilians"
    unidentified = "unidentified armed group"
    other = "other"


class Weapon(str, Enum):
    drone = "drone"
    rocket = "rocket"
    missile = "missile"
    airstrike = "airstrike"
    artillery = "artillery"
    ied = "ied"
    suicide_bomb = "suicide_bomb"
    car_bomb = "car_bomb"
    firearms = "firearms"
    knife = "knife"
    other = "other"


class EvidenceSpan(_Strict):
    """Characters [start, end) of the ORIGINAL article text, and the words they hold."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str

    @model_validator(mode="after")
    def _ordered(self) -> "EvidenceSpan":
        if self.end < self.start:
            raise ValueError(f"evidence span ends ({self.end}) before it starts ({self.start})")
        return self


class EventDate(_Strict):
    start: Date | None = None
    end: Date | None = None
    precision: DatePrecision = DatePrecision.unknown
    part_of_day: PartOfDay | None = None
    text: str | None = None

    @model_validator(mode="after")
    def _ordered(self) -> "EventDate":
        if self.start and self.end and self.end < self.start:
            raise ValueError(f"date ends ({self.end}) before it starts ({self.start})")
        return self


class Location(_Strict):
    country_iso2: str | None = Field(default=None, pattern=r"^[A-Z]{2}$")
    admin1_iso: str | None = Field(default=None, pattern=r"^[A-Z]{2}-[A-Z0-9]{1,4}$")
    admin1_name: str | None = None
    place: str | None = None
    place_kind: PlaceKind | None = None
    lat: float | None = Field(default=None, ge=-90, le=90)
    lon: float | None = Field(default=None, ge=-180, le=180)
    geonames_id: int | None = None
    geo_precision: int | None = Field(default=None, ge=1, le=3)
    text: str | None = None


class CasualtyCount(_Strict):
    """UCDP-style: `value` is the best estimate, `low`/`high` the spread. value 0 = stated none; the whole
    count null = the article says nothing."""

    value: int | None = Field(default=None, ge=0)
    low: int | None = Field(default=None, ge=0)
    high: int | None = Field(default=None, ge=0)
    qualifier: CountQualifier = CountQualifier.none_stated
    text: str | None = None
    breakdown: dict[str, int] = Field(default_factory=dict)


class Actor(_Strict):
    name: str | None = None
    kind: ActorKind | None = None
    status: ActorStatus | None = None
    country_iso2: str | None = None
    text: str | None = None


class Quantity(_Strict):
    what: str
    value: int | None = None
    low: int | None = None
    high: int | None = None
    qualifier: CountQualifier = CountQualifier.exact
    text: str | None = None


class SourceInfo(_Strict):
    url: str | None = None
    outlet: str | None = None
    published: Date | None = None
    title: str | None = None


class IncidentRecord(_Strict):
    id: str
    article_id: str
    mention: MentionType
    event_type: EventType
    sub_event_type: SubEventType
    date: EventDate = Field(default_factory=EventDate)
    location: Location = Field(default_factory=Location)
    killed: CasualtyCount = Field(default_factory=CasualtyCount)
    injured: CasualtyCount = Field(default_factory=CasualtyCount)
    abducted: CasualtyCount = Field(default_factory=CasualtyCount)
    perpetrator: Actor = Field(default_factory=Actor)
    target: Actor = Field(default_factory=Actor)
    weapons: list[Weapon] = Field(default_factory=list)
    quantities: list[Quantity] = Field(default_factory=list)
    evidence: dict[str, list[EvidenceSpan]] = Field(default_factory=dict)
    confidence: float = Field(ge=0.0, le=1.0)
    source: SourceInfo = Field(default_factory=SourceInfo)
    warnings: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _sub_event_belongs_to_event(self) -> "IncidentRecord":
        expected = ACLED_SUB_EVENT_TYPES[str(self.sub_event_type)]
        if str(self.event_type) != expected:
            raise ValueError(f"sub_event_type {self.sub_event_type!r} belongs to {expected!r}, not {self.event_type!r}")
        return self

    @staticmethod
    def make_id(article_id: str, key: object) -> str:
        """A stable id: the same article and the same event key give the same id on every run."""
        digest = hashlib.sha1(json.dumps([article_id, key], sort_keys=True, default=str).encode()).hexdigest()
        return f"{article_id}#{digest[:12]}"
