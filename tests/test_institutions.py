"""The institutions registry (templates/data/institutions.yaml) and Serbian transliteration."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
import yaml

from apmon.schemas.institutions import InstitutionName, InstitutionRegistry
from apmon.schemas.text import latin_to_cyrillic, slash_words_latin
from apmon.templates.plan_file import DataFileError, load_registry

REGISTRY_PATH = Path(__file__).parents[1] / "templates/data/institutions.yaml"

EXPECTED_CODES = {
    "SAVET", "NK", "RG", "IRG",
    "MUP", "MPRAVDE", "MPNTR", "MZ", "MRZBSP", "MFIN", "MTTT", "MKI", "MOS", "MSP",
    "RJT", "KLJMP", "BIA", "KIRS", "SIPRU", "CZZTLJ",
    "CKS", "PA", "MPRIV", "KCD", "OCD1", "OCD2", "OCD3", "OCD4", "OCD5", "JLS",
}  # fmt: skip

# Section 10.1 of the Strategy: the 16 state bodies in the Working Group,
# plus one representative of the Red Cross of Serbia.
WORKING_GROUP_MEMBERS = {
    "MUP", "MPRAVDE", "MPNTR", "MZ", "MRZBSP", "MFIN", "MTTT", "MKI", "MOS", "MSP",
    "RJT", "KLJMP", "BIA", "KIRS", "SIPRU", "CZZTLJ",
    "CKS",
}  # fmt: skip

# Bodies that receive reports rather than carry out tasks.
NOT_REPORTING = {"SAVET", "NK", "RG"}


@pytest.fixture(scope="module")
def registry() -> InstitutionRegistry:
    with REGISTRY_PATH.open(encoding="utf-8") as fh:
        return InstitutionRegistry.model_validate(yaml.safe_load(fh))


def _names(registry: InstitutionRegistry) -> list[tuple[str, InstitutionName]]:
    """Every (label, name) pair in the registry: the full name and, where present, the short one."""
    pairs: list[tuple[str, InstitutionName]] = []
    for inst in registry.institutions:
        pairs.append((f"{inst.code}.name", inst.name))
        if inst.short is not None:
            pairs.append((f"{inst.code}.short", inst.short))
    return pairs


def _latin_letters(text: str) -> list[str]:
    return [ch for ch in text if ch.isalpha() and unicodedata.name(ch, "").startswith("LATIN")]


# --- the registry --------------------------------------------------------------------------


def test_codes_are_exactly_the_expected_ones(registry: InstitutionRegistry) -> None:
    codes = registry.codes
    assert len(codes) == len(set(codes))
    assert set(codes) - EXPECTED_CODES == set(), "unexpected codes"
    assert EXPECTED_CODES - set(codes) == set(), "missing codes"


def test_cyrillic_is_transliterated_latin(registry: InstitutionRegistry) -> None:
    for label, name in _names(registry):
        assert name.sr_cyrl == latin_to_cyrillic(name.sr_latn), label


def test_cyrillic_has_no_latin_letters(registry: InstitutionRegistry) -> None:
    for label, name in _names(registry):
        assert _latin_letters(name.sr_cyrl) == [], f"{label}: {name.sr_cyrl!r}"


def test_every_shipped_institution_has_its_genitive_in_both_scripts(registry: InstitutionRegistry) -> None:
    """The Serbian texts that ask for the genitive ("od vas (Ministarstva pravde)") find it for every institution of
    the shipped registry; its Cyrillic is the Latin transliterated, as the nominative's is."""
    for inst in registry.institutions:
        assert inst.genitive is not None, inst.code
        assert inst.genitive.sr_cyrl == latin_to_cyrillic(inst.genitive.sr_latn), inst.code
        assert _latin_letters(inst.genitive.sr_cyrl) == [], inst.code
        assert inst.genitive.sr_latn != inst.name.sr_latn, inst.code  # every shipped name declines


@pytest.mark.parametrize(
    ("code", "latin", "cyrillic"),
    [
        ("MUP", "Ministarstva unutrašnjih poslova", "Министарства унутрашњих послова"),
        ("RJT", "Republičkog javnog tužilaštva", "Републичког јавног тужилаштва"),
        ("IRG", "Interresorne radne grupe", "Интерресорне радне групе"),
        ("NK", "Nacionalnog koordinatora za borbu protiv trgovine ljudima",
         "Националног координатора за борбу против трговине људима"),
        ("JLS", "Jedinica lokalne samouprave i njihovih timova za borbu protiv trgovine ljudima",
         "Јединица локалне самоуправе и њихових тимова за борбу против трговине људима"),
    ],
)  # fmt: skip
def test_the_genitive_as_a_sentence_asks_for_it(
    registry: InstitutionRegistry, code: str, latin: str, cyrillic: str
) -> None:
    """`Institution.in_genitive`: the genitive in Serbian; English has no cases (the name as a sentence puts it)."""
    inst = registry.get(code)
    assert (inst.in_genitive("sr-Latn"), inst.in_genitive("sr-Cyrl")) == (latin, cyrillic)
    assert inst.in_genitive("en") == inst.in_text("en")


def test_a_registry_of_ones_own_may_give_no_genitive(registry: InstitutionRegistry) -> None:
    data = yaml.safe_load(REGISTRY_PATH.read_text(encoding="utf-8"))
    del data["institutions"][4]["genitive"]
    own = InstitutionRegistry.model_validate(data)
    assert own.get("MUP").in_genitive("sr-Latn") is None and own.get("MUP").in_genitive("sr-Cyrl") is None
    assert own.get("MUP").in_genitive("en") == "the Ministry of the Interior"


def test_a_genitive_in_one_script_only_is_refused_where_it_is(tmp_path: Path) -> None:
    """Both scripts, as a name has them: the file's error names the institution's place and the missing key."""
    text = REGISTRY_PATH.read_text(encoding="utf-8")
    cyrillic = "    sr-Cyrl: Министарства унутрашњих послова\n"
    assert text.count(cyrillic) == 1
    path = tmp_path / "institutions.yaml"
    path.write_text(text.replace(cyrillic, ""), encoding="utf-8")
    with pytest.raises(DataFileError) as refused:
        load_registry(path)
    latin_line = text[: text.index(cyrillic)].count("\n")  # 1-based: the genitive's mapping starts on its Latin
    assert refused.value.said("en") == (
        f"{path}:{latin_line} at institutions[4].genitive.sr-Cyrl: this field is required here and is missing"
    )


def test_working_group_members_are_those_of_section_10_1(registry: InstitutionRegistry) -> None:
    members = {i.code for i in registry.institutions if i.working_group_member}
    assert members == WORKING_GROUP_MEMBERS
    assert len(members) == 17


def test_the_five_civil_society_representatives_of_section_10_1(registry: InstitutionRegistry) -> None:
    seats = [i for i in registry.institutions if i.civil_society_representative]
    assert [i.code for i in seats] == ["OCD1", "OCD2", "OCD3", "OCD4", "OCD5"]
    assert all(i.kind == "civil-society" and not i.working_group_member for i in seats)


def test_only_council_coordinator_and_working_group_do_not_report(registry: InstitutionRegistry) -> None:
    assert {i.code for i in registry.institutions if not i.reports} == NOT_REPORTING


@pytest.mark.parametrize(
    ("code", "kind"),
    [
        ("SAVET", "council"),
        ("NK", "coordinator"),
        ("RG", "working-group"),
        ("IRG", "working-group"),
        ("MUP", "ministry"),
        ("MPRIV", "ministry"),
        ("RJT", "authority"),
        ("CZZTLJ", "authority"),
        ("CKS", "civil-society"),
        ("OCD1", "civil-society"),
        ("JLS", "local"),
    ],
)
def test_kind(registry: InstitutionRegistry, code: str, kind: str) -> None:
    assert registry.get(code).kind == kind


def test_every_ministry_is_a_ministry(registry: InstitutionRegistry) -> None:
    for inst in registry.institutions:
        is_ministry_name = inst.name.en.startswith("Ministry of")
        assert is_ministry_name == (inst.kind == "ministry"), inst.code


def test_long_names_have_a_short_form(registry: InstitutionRegistry) -> None:
    for inst in registry.institutions:
        if max(len(inst.name.sr_latn), len(inst.name.en)) > 40:
            assert inst.short is not None, inst.code
        if inst.short is not None:
            assert len(inst.short.sr_latn) < len(inst.name.sr_latn), inst.code
            assert len(inst.short.en) <= len(inst.name.en), inst.code


# --- latin_to_cyrillic ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("latin", "cyrillic"),
    [
        # digraphs are single letters
        ("lj", "љ"),
        ("nj", "њ"),
        ("dž", "џ"),
        ("Lj", "Љ"),
        ("LJ", "Љ"),
        ("Nj", "Њ"),
        ("NJ", "Њ"),
        ("Dž", "Џ"),
        ("DŽ", "Џ"),
        ("ljudi", "људи"),
        ("Ljubljana", "Љубљана"),
        ("njihovi", "њихови"),
        ("NJEGOŠ", "ЊЕГОШ"),
        ("džep", "џеп"),
        ("Džamija", "Џамија"),
        ("TRGOVINA LJUDIMA", "ТРГОВИНА ЉУДИМА"),
        ("NJEGOŠ DŽAK LJ NJ DŽ", "ЊЕГОШ ЏАК Љ Њ Џ"),  # capital digraphs of an all-capitals word: one letter
        # letters with diacritics
        ("č", "ч"),
        ("ć", "ћ"),
        ("š", "ш"),
        ("ž", "ж"),
        ("đ", "ђ"),
        ("ČĆŠŽĐ", "ЧЋШЖЂ"),
        ("čćšžđ", "чћшжђ"),
        ("sprovođenje", "спровођење"),
        ("Republičko javno tužilaštvo", "Републичко јавно тужилаштво"),
        ("Centar za zaštitu žrtava trgovine ljudima", "Центар за заштиту жртава трговине људима"),
        # digits and punctuation are left as they are
        ("2017-2022", "2017-2022"),
        ("12.345,00 RSD", "12.345,00 RSD"),  # a currency code (ISO 4217) stays as written
        ("Bezbednosno-informativna agencija", "Безбедносно-информативна агенција"),
        ("(1), 2; 3: 4! 5? «6» \"7\" 'x'", "(1), 2; 3: 4! 5? «6» \"7\" 'x'"),
        ("Član 45, stav 1.", "Члан 45, став 1."),
        ("", ""),
        # letters outside the Serbian alphabet stay Latin
        ("qwxy", "qwxy"),
        # product names stay Latin
        ("programa LibreOffice ili OpenOffice (.ods)", "програма LibreOffice или OpenOffice (.ods)"),
        # one slash between words is Serbian (the cover's "Prepared by"); paths and addresses stay Latin
        ("Izveštaj pripremio/la", "Извештај припремио/ла"),
        ("korisnik/ca", "корисник/ца"),
        ("D:/apmon/izvestaji", "D:/apmon/izvestaji"),
        ("//server/izvestaji", "//server/izvestaji"),
        ("docs/sync.md", "docs/sync.md"),
    ],
)
def test_latin_to_cyrillic(latin: str, cyrillic: str) -> None:
    assert latin_to_cyrillic(latin) == cyrillic


def test_template_version_1_kept_slash_words_latin() -> None:
    """The rule templates of version 1 were built with, still used to read them (templates.layout)."""
    with slash_words_latin(True):
        assert latin_to_cyrillic("Izveštaj pripremio/la") == "Извештај pripremio/la"
    assert latin_to_cyrillic("Izveštaj pripremio/la") == "Извештај припремио/ла"
