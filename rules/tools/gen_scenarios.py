"""Generates rules/scenarios/*.toml for the Wegwijs national rule set.

Usage (from the repository root): python3 rules/tools/gen_scenarios.py [OUTDIR]
(default OUTDIR: rules/scenarios). Then run `wegwijs test rules/`.

Every scenario states a COMPLETE case (every fact a rule reads) so that expectations
are certain, except the scenarios that test open questions and unknown wishes."""
import datetime as dt, json, copy, sys

NOW = dt.datetime(2026, 3, 2, 18, 0, tzinfo=dt.timezone(dt.timedelta(hours=1)))
NOW_S = NOW.isoformat()

def hours_ago(h):
    return (NOW - dt.timedelta(hours=h)).isoformat()

def days_ago_date(d):
    return (NOW.date() - dt.timedelta(days=d)).isoformat()

ALL_PARTNERS = ["csg", "veilig_thuis", "shn", "perspectief_herstelbemiddeling", "politie", "om", "huisarts", "ggz", "gemeente"]

BASE = dict(
    current_safety="veilig", suicidality="geen", injuries="geen",
    last_incident_at=None,
    acts=["vaginaal"], fluid_exposure=True, pregnancy_possible=False,
    emergency_contraception_taken=False, pep_started=False, hbv_vaccinated=False, uses_prep=False,
    drugs_suspected=False, care_received=[], forensic_wish="nee",
    contact_at=NOW_S, channel="csg_0800", caller_role="slachtoffer", victim_view="zelfde", region="den-haag",
    safe_to_contact=True, interpreter_needed=False, consent_mdt="ja", consent_scope=ALL_PARTNERS,
    follow_up_wish="ja",
    age=30, representative=False, vulnerabilities=[],
    pattern="eenmalig", setting="uitgaan", strangulation=False, weapon_or_threat_to_kill=False,
    multiple_perpetrators=False, exploitation_signals=False,
    perpetrator_relation="bekende", in_household=False, perpetrator_has_access=False,
    perpetrator_minor=False, prior_violence=False,
    children_in_household=0, incidents_last_12_months=1, victim_fear="matig", stalking=False,
    separation_coercive_control=False, help_exhausted=False, involved_services=[],
    previous_regie_level="geen",
    police_status="geen", police_wish="nee",
    stress_level="matig", in_ggz_treatment=False,
    wants_shn_support=False, wants_herstelbemiddeling="nee", practical_problems=[],
)

FILES = {}

def scen(file, id, description, case, expect, now=NOW_S, base=True, drop=()):
    c = copy.deepcopy(BASE) if base else {}
    c.update(case)
    for k in drop:
        c.pop(k, None)
    c = {k: v for k, v in c.items() if v is not None}
    FILES.setdefault(file, []).append((id, description, now, c, expect))

def tval(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, str):
        return json.dumps(v, ensure_ascii=False)
    if isinstance(v, list):
        return "[" + ", ".join(tval(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{ " + ", ".join(f"{k} = {tval(x)}" for k, x in v.items()) + " }"
    raise TypeError(v)

def key(k):
    return k if all(ch.isalnum() or ch in "_-" for ch in k) else json.dumps(k)

HEADER = {
    "vignetten.toml": "De zes voorbeeldvignetten uit domain.md, plus varianten.",
    "termijnen.toml": "Elke termijn een uur binnen en een uur buiten: 72 uur (HIV-PEP, levonorgestrel), 120 uur (ulipristal/koperspiraal), 168 uur (hepatitis B, forensisch onderzoek, acute CSG-zorg), 4 weken (672 uur: volgen of traumabehandeling), half jaar (niet-acute CSG-zorg, voorstel) en 12 maanden herhaling.",
    "leeftijd.toml": "Elke leeftijdsgrens aan beide kanten: 11/12, 12/13, 15/16, 17/18.",
    "veiligheid.toml": "Veiligheid: acuut gevaar, Veilig Thuis (advies, melding, tegen de wens), veiligheidsplan, MDA++, Zorg- en Veiligheidshuis, risicosignalen en regie R3.",
    "overig.toml": "Regie R0 (geen vervolg), wensen, open vragen, al ontvangen zorg, herstel en naasten.",
    "regels-0-3.toml": "Landelijke regels 0.3 (issue 17): per genummerd punt een casus die op 0.2.1 faalt en op 0.3.0 slaagt, met de grensgevallen 12/13 uur drogering, 120/121 uur zwangerschap, 11/12 jaar en PrEP onbekend/ja/nee.",
}

def write(outdir):
    for file, items in FILES.items():
        lines = [f"# Scenariotests: {HEADER.get(file, '')}",
                 "# Gegenereerd door rules/tools/gen_scenarios.py met een vaste basiscasus (volwassene, bekende pleger,",
                 "# veilig, wil vervolgcontact); pas scenario's daar aan en genereer opnieuw.",
                 "# Elke casus is volledig uitgeschreven, zodat de verwachtingen zeker zijn. `now` is altijd vast.", ""]
        for (id, desc, now, case, expect) in items:
            lines.append("[[scenarios]]")
            lines.append(f"id = {json.dumps(id)}")
            lines.append(f"description = {json.dumps(desc, ensure_ascii=False)}")
            lines.append(f"now = {json.dumps(now)}")
            lines.append("[scenarios.case]")
            for k, v in case.items():
                lines.append(f"{key(k)} = {tval(v)}")
            lines.append("[scenarios.expect]")
            for k, v in expect.items():
                lines.append(f"{k} = {tval(v)}")
            lines.append("")
        open(f"{outdir}/{file}", "w").write("\n".join(lines))


# ====================================================================== SCENARIOS

V = "vignetten.toml"; T = "termijnen.toml"; L = "leeftijd.toml"; S = "veiligheid.toml"; O = "overig.toml"

# ============================================================== VIGNETTEN
scen(V, "vignet-1-festival",
 "Vignet 1: vrouw, 24, verkrachting onder invloed van drugs door een onbekende op een festival, 30 uur geleden; twijfelt over politie.",
 dict(age=24, last_incident_at=hours_ago(30), pregnancy_possible=True, drugs_suspected=True,
      perpetrator_relation="onbekende", setting="uitgaan", police_wish="twijfel", forensic_wish="twijfel",
      wants_shn_support=True),
 dict(referrals=["csg_acute_opvang", "hiv_pep", "noodanticonceptie",
                 "hepatitis_b_vaccinatie", "soa_onderzoek", "forensisch_onderzoek", "informatief_gesprek",
                 "shn_juridische_informatie", "shn_steun", "huisarts_nazorg", "csg_casemanager_monitoring", "slachtofferadvocaat"],
      absent=["aangifte", "melding_veilig_thuis", "advies_veilig_thuis", "herstelbemiddeling",
              "forensisch_onderzoek_loef", "verhoorstudio", "ggz_traumabehandeling", "csg_niet_acute_zorg", "politie_112"],
      regie="R2", regiehouder="csg_casemanager",
      needs=dict(veiligheid="geen", strafrecht="urgent", hulp="urgent", herstel="aanbod")))

scen(V, "vignet-2-collega",
 "Vignet 2: vrouw, 38, verkracht door een collega 8 maanden geleden, slaapt slecht, wil aangifte doen.",
 dict(age=38, last_incident_at=hours_ago(243 * 24), perpetrator_relation="bekende", setting="werk_school_sport",
      police_wish="aangifte", stress_level="hoog", wants_shn_support=True),
 dict(referrals=["informatief_gesprek", "aangifte", "slachtofferadvocaat", "shn_juridische_informatie", "shn_steun",
                 "ggz_traumabehandeling", "huisarts_nazorg", "schadefonds"],
      absent=["csg_acute_opvang", "hiv_pep", "forensisch_onderzoek", "csg_casemanager_monitoring", "csg_niet_acute_zorg",
              "soa_onderzoek", "herstelbemiddeling", "melding_veilig_thuis", "advies_veilig_thuis"],
      regie="R2", regiehouder="shn_casemanager",
      needs=dict(strafrecht="aanbod", hulp="aanbod", herstel="aanbod")))

STIEF = dict(age=14, perpetrator_relation="gezinslid", in_household=True, perpetrator_has_access=True,
             acts=["aanranding"], fluid_exposure=False, pattern="langdurig", setting="thuis", channel="onderwijs",
             caller_role="professional", police_wish="twijfel", forensic_wish="ja", stress_level="hoog",
             children_in_household=2)

scen(V, "vignet-3-stiefvader-acuut",
 "Vignet 3: meisje, 14, misbruikt door haar stiefvader die bij haar woont, vertelt het aan een docent; laatste keer 50 uur geleden.",
 dict(STIEF, last_incident_at=hours_ago(50)),
 dict(referrals=["melding_veilig_thuis", "zedenoverleg_om", "informatief_gesprek", "forensisch_onderzoek_loef", "csg_acute_opvang",
                 "beslissing_samen", "veiligheidsplan", "csg_casemanager_monitoring", "huisarts_nazorg", "schadefonds"],
      absent=["forensisch_onderzoek", "verhoorstudio", "beslissing_ouders_gezag", "beslissing_jongere_zelf",
              "advies_veilig_thuis", "jeugd_ggz", "aangifte", "mda_screening"],
      regie="R3", regiehouder="veilig_thuis",
      needs=dict(veiligheid="urgent", strafrecht="urgent", hulp="urgent")))

scen(V, "vignet-3b-stiefvader-na-5-weken",
 "Vignet 3, variant: zelfde meisje, laatste keer 40 dagen geleden: geen forensisch onderzoek meer, wel jeugd-GGZ.",
 dict(STIEF, last_incident_at=hours_ago(40 * 24)),
 dict(referrals=["melding_veilig_thuis", "zedenoverleg_om", "jeugd_ggz", "csg_niet_acute_zorg", "beslissing_samen",
                 "veiligheidsplan", "informatief_gesprek"],
      absent=["forensisch_onderzoek", "csg_acute_opvang", "csg_casemanager_monitoring", "ggz_traumabehandeling"],
      regie="R3", regiehouder="veilig_thuis"))

scen(V, "vignet-3c-stiefvader-wil-niets",
 "Vignet 3, variant: het meisje wil geen melding, geen politie en geen onderzoek, en geeft geen toestemming (dus voor niemand). Melding Veilig Thuis en zedenoverleg gaan tegen haar wens in (meldrecht); de CSG-zorg en de huisarts staan gemarkeerd: bespreek eerst toestemming.",
 dict(STIEF, last_incident_at=hours_ago(50), consent_mdt="nee", consent_scope=[], police_wish="nee", forensic_wish="nee"),
 dict(referrals=["melding_veilig_thuis", "zedenoverleg_om"],
      against_wish=["melding_veilig_thuis", "zedenoverleg_om", "csg_acute_opvang", "csg_casemanager_monitoring", "huisarts_nazorg", "shn_juridische_informatie"],
      absent=["informatief_gesprek", "forensisch_onderzoek", "forensisch_onderzoek_loef", "aangifte"],
      regie="R3", regiehouder="veilig_thuis"))

scen(V, "vignet-4-ex-partner",
 "Vignet 4: vrouw, 29, gisteren verkracht en gewurgd door haar ex-partner, 3 politie-inzetten dit jaar, twee kinderen thuis. Aangifte binnen 24 uur (acuut); MDA++ pas als de gewone hulp het geweld niet stopte (0.2).",
 dict(age=29, last_incident_at=hours_ago(26), perpetrator_relation="ex_partner", perpetrator_has_access=True,
      strangulation=True, incidents_last_12_months=3, children_in_household=2, current_safety="onzeker",
      pattern="herhaald", setting="thuis", prior_violence=True, victim_fear="hoog", police_wish="aangifte",
      forensic_wish="ja", pregnancy_possible=True, injuries="licht", wants_shn_support=True),
 dict(referrals=["csg_acute_opvang", "hiv_pep", "noodanticonceptie",
                 "hepatitis_b_vaccinatie", "soa_onderzoek", "wondzorg", "forensisch_onderzoek", "informatief_gesprek",
                 "aangifte", "slachtofferadvocaat", "shn_juridische_informatie", "shn_steun", "melding_veilig_thuis",
                 "veiligheidsplan", "huisarts_nazorg", "csg_casemanager_monitoring"],
      absent=["advies_veilig_thuis", "politie_112", "herstelbemiddeling", "zedenoverleg_om", "mda_screening"],
      urgency=dict(aangifte="binnen_24_uur"),
      regie="R3", regiehouder="veilig_thuis",
      needs=dict(veiligheid="urgent", strafrecht="urgent", hulp="urgent", herstel="aanbod")))

COACH = dict(age=47, last_incident_at=hours_ago(30 * 365 * 24), perpetrator_relation="gezagsrelatie",
             setting="werk_school_sport", acts=["anaal"], police_wish="nee", wants_shn_support=True,
             wants_herstelbemiddeling="ja", stress_level="laag")

scen(V, "vignet-5-coach",
 "Vignet 5: man, 47, misbruikt door een coach 30 jaar geleden, wil erkenning, geen aangifte, weinig klachten.",
 COACH,
 dict(referrals=["herstelbemiddeling", "shn_steun"],
      absent=["informatief_gesprek", "aangifte", "slachtofferadvocaat", "shn_juridische_informatie", "ggz_traumabehandeling",
              "csg_niet_acute_zorg", "melding_veilig_thuis", "advies_veilig_thuis", "soa_onderzoek", "zedenoverleg_om"],
      regie="R1", regiehouder="shn_casemanager",
      needs=dict(strafrecht="geen", hulp="informatie", herstel="aanbod")))

scen(V, "vignet-5b-coach-met-klachten",
 "Vignet 5, variant: dezelfde man heeft veel klachten: GGZ via de huisarts erbij, dus twee gebieden (R2).",
 dict(COACH, stress_level="hoog"),
 dict(referrals=["herstelbemiddeling", "shn_steun", "schadefonds", "ggz_traumabehandeling", "huisarts_nazorg"],
      absent=["informatief_gesprek", "aangifte", "jeugd_ggz"],
      regie="R2", regiehouder="csg_casemanager"))

scen(V, "vignet-6-feest-16",
 "Vignet 6: meisje, 16, verkracht door een leeftijdsgenoot op een feest 10 dagen geleden, wil niet dat haar ouders het weten.",
 dict(age=16, last_incident_at=hours_ago(240), perpetrator_relation="leeftijdsgenoot", perpetrator_minor=True,
      setting="uitgaan", police_wish="twijfel", forensic_wish="twijfel", pregnancy_possible=True,
      consent_mdt="deels", consent_scope=["csg", "huisarts"]),
 dict(referrals=["csg_niet_acute_zorg", "csg_casemanager_monitoring", "soa_onderzoek", "informatief_gesprek",
                 "beslissing_jongere_zelf"],
      absent=["beslissing_samen", "beslissing_ouders_gezag", "melding_veilig_thuis", "advies_veilig_thuis", "zedenoverleg_om",
              "forensisch_onderzoek", "hiv_pep", "noodanticonceptie",
              "hepatitis_b_vaccinatie", "csg_acute_opvang", "aangifte", "shn_steun"],
      regie="R1", regiehouder="csg_casemanager"))

# ============================================================== TERMIJNEN
ACUUT = dict(pregnancy_possible=True, forensic_wish="ja")
def win(h, id, desc, expect):
    scen(T, id, desc, dict(ACUUT, last_incident_at=hours_ago(h)), expect)

win(71, "termijn-71u", "71 uur na het incident: binnen 72 uur (HIV-PEP, levonorgestrel), 120 uur en 168 uur.",
    dict(referrals=["hiv_pep", "noodanticonceptie",
                    "hepatitis_b_vaccinatie", "forensisch_onderzoek", "csg_acute_opvang"], regie="R2"))
win(73, "termijn-73u", "73 uur na het incident: HIV-PEP en levonorgestrel niet meer; noodanticonceptie (ulipristal/koperspiraal) nog wel, in één verwijzing.",
    dict(referrals=["noodanticonceptie", "hepatitis_b_vaccinatie", "forensisch_onderzoek", "csg_acute_opvang"],
         absent=["hiv_pep"], regie="R2"))
win(119, "termijn-119u", "119 uur na het incident: ulipristal of koperspiraal kan nog (tot 120 uur).",
    dict(referrals=["noodanticonceptie", "hepatitis_b_vaccinatie", "forensisch_onderzoek", "csg_acute_opvang"],
         absent=["hiv_pep"]))
win(121, "termijn-121u", "121 uur na het incident: geen noodanticonceptie meer; hepatitis B, sporen en acute CSG-zorg nog wel.",
    dict(referrals=["hepatitis_b_vaccinatie", "forensisch_onderzoek", "csg_acute_opvang"],
         absent=["noodanticonceptie", "hiv_pep"]))
win(167, "termijn-167u", "167 uur na het incident: nog net in de gouden week (hepatitis B, forensisch onderzoek, acute CSG-zorg).",
    dict(referrals=["hepatitis_b_vaccinatie", "forensisch_onderzoek", "csg_acute_opvang", "huisarts_nazorg"],
         absent=["noodanticonceptie", "csg_niet_acute_zorg"],
         regie="R2", regiehouder="csg_casemanager", needs=dict(hulp="urgent", strafrecht="urgent")))
win(169, "termijn-169u", "169 uur na het incident: niet meer acuut. Geen hepatitis B-vaccinatie, geen forensisch onderzoek en geen acute opvang meer; wel niet-acute CSG-zorg, en de nazorg door de huisarts loopt door (PEP 4 weken, vervolgtesten; 0.3).",
    dict(referrals=["csg_niet_acute_zorg", "csg_casemanager_monitoring", "soa_onderzoek", "huisarts_nazorg"],
         absent=["hepatitis_b_vaccinatie", "forensisch_onderzoek", "csg_acute_opvang"],
         regie="R1", regiehouder="csg_casemanager", needs=dict(hulp="aanbod", strafrecht="geen")))
scen(T, "termijn-4-weken-671u", "671 uur (net binnen 4 weken), veel stress: nog volgen en psycho-educatie, nog geen traumabehandeling.",
     dict(last_incident_at=hours_ago(671), stress_level="hoog"),
     dict(referrals=["csg_casemanager_monitoring"], absent=["ggz_traumabehandeling"]))
scen(T, "termijn-4-weken-673u", "673 uur (net na 4 weken), stress blijft hoog: traumabehandeling via de huisarts.",
     dict(last_incident_at=hours_ago(673), stress_level="hoog"),
     dict(referrals=["ggz_traumabehandeling", "huisarts_nazorg"], absent=["csg_casemanager_monitoring"]))
scen(T, "termijn-half-jaar-183d", "183 dagen (en 1 uur) na het incident: niet-acute CSG-zorg en soa-onderzoek nog wel (grens half jaar, voorstel).",
     dict(last_incident_at=hours_ago(183 * 24 + 1)),
     dict(referrals=["csg_niet_acute_zorg", "soa_onderzoek"], regie="R1"))
scen(T, "termijn-half-jaar-184d", "184 dagen (en 1 uur) na het incident: buiten het half jaar; geen niet-acute CSG-zorg meer. Niets actief: R0.",
     dict(last_incident_at=hours_ago(184 * 24 + 1)),
     dict(absent=["csg_niet_acute_zorg", "soa_onderzoek", "schadefonds"], regie="R0"))
REP = dict(last_incident_at=hours_ago(60 * 24), previous_regie_level="R3")
scen(T, "herhaling-364d-r3", "Eerdere zaak op R3, 364 dagen geleden afgesloten: de nieuwe zaak krijgt minstens R3.",
     dict(REP, previous_case_closed_at=days_ago_date(364)),
     dict(regie="R3", regiehouder="csg_casemanager"))
scen(T, "herhaling-366d-r3", "Eerdere zaak op R3, 366 dagen geleden afgesloten: geen herhaling binnen 12 maanden, dus het gewone niveau (R1).",
     dict(REP, previous_case_closed_at=days_ago_date(366)),
     dict(regie="R1", regiehouder="csg_casemanager"))
scen(T, "herhaling-r2-niet-lager", "Eerdere zaak op R2, 100 dagen geleden afgesloten; nu alleen één gebied actief: toch R2, niet lager dan eerst.",
     dict(last_incident_at=hours_ago(60 * 24), previous_regie_level="R2", previous_case_closed_at=days_ago_date(100)),
     dict(regie="R2"))

# ============================================================== LEEFTIJD
NIETACUUT = dict(last_incident_at=hours_ago(30 * 24))
scen(L, "leeftijd-11", "Kind van 11, pleger een bekende buiten het gezin, ouders willen aangifte: ouders met gezag beslissen, verhoor in de verhoorstudio.",
     dict(NIETACUUT, age=11, police_wish="aangifte", caller_role="ouder_gezag"),
     dict(referrals=["beslissing_ouders_gezag", "verhoorstudio", "aangifte", "advies_naasten"],
          absent=["beslissing_samen", "beslissing_jongere_zelf", "melding_veilig_thuis"]))
scen(L, "leeftijd-12", "Jongere van 12, verder gelijk: ouders en kind beslissen samen; geen verhoorstudio meer.",
     dict(NIETACUUT, age=12, police_wish="aangifte", caller_role="ouder_gezag"),
     dict(referrals=["beslissing_samen", "aangifte"],
          absent=["beslissing_ouders_gezag", "verhoorstudio", "beslissing_jongere_zelf"]))
scen(L, "leeftijd-12-acuut-nfi", "Kind van 12, 100 uur na het incident, ouders willen sporenonderzoek: NFI-arts.",
     dict(age=12, last_incident_at=hours_ago(100), forensic_wish="ja", caller_role="ouder_gezag"),
     dict(referrals=["forensisch_onderzoek_loef", "beslissing_samen"], absent=["forensisch_onderzoek"]))
scen(L, "leeftijd-13-acuut", "Jongere van 13, 100 uur na het incident, wil sporenonderzoek: LOEF via de zedenpolitie (0 t/m 15 jaar), niet het CSG (0.2, item 3).",
     dict(age=13, last_incident_at=hours_ago(100), forensic_wish="ja"),
     dict(referrals=["forensisch_onderzoek_loef", "beslissing_samen"], absent=["forensisch_onderzoek"], voice="je"))
scen(L, "leeftijd-15", "Jongere van 15: ouders en jongere beslissen samen.",
     dict(NIETACUUT, age=15),
     dict(referrals=["beslissing_samen"], absent=["beslissing_jongere_zelf", "beslissing_ouders_gezag"]))
scen(L, "leeftijd-16", "Jongere van 16: beslist zelf over de zorg.",
     dict(NIETACUUT, age=16),
     dict(referrals=["beslissing_jongere_zelf"], absent=["beslissing_samen", "beslissing_ouders_gezag"]))
COACH17 = dict(last_incident_at=hours_ago(40 * 24), perpetrator_relation="gezagsrelatie", setting="werk_school_sport",
               stress_level="hoog")
scen(L, "leeftijd-17-coach", "Jongere van 17, misbruikt door de coach (gezagsrelatie), 40 dagen geleden, veel klachten, wil geen politie: minderjarige in afhankelijkheidsrelatie (Veilig Thuis, R3; zedenoverleg tegen de wens), jeugd-GGZ.",
     dict(COACH17, age=17),
     dict(referrals=["beslissing_jongere_zelf", "melding_veilig_thuis", "zedenoverleg_om", "jeugd_ggz"],
          absent=["ggz_traumabehandeling", "beslissing_samen"], against_wish=["zedenoverleg_om"],
          regie="R3", regiehouder="veilig_thuis"))
scen(L, "leeftijd-18-coach", "Volwassene van 18, verder gelijk: geen meldcode voor minderjarigen, GGZ voor volwassenen, R1.",
     dict(COACH17, age=18),
     dict(referrals=["ggz_traumabehandeling", "csg_niet_acute_zorg"],
          absent=["beslissing_jongere_zelf", "melding_veilig_thuis", "zedenoverleg_om", "jeugd_ggz", "advies_veilig_thuis"],
          regie="R1", regiehouder="csg_casemanager"))

# ============================================================== VEILIGHEID
scen(S, "acuut-gevaar-wil-geen-politie", "Slachtoffer is nu in gevaar maar wil geen politie: 112 gaat tegen de wens in, met reden.",
     dict(last_incident_at=hours_ago(5 * 24), current_safety="acuut_onveilig", acts=["aanranding"], fluid_exposure=False),
     dict(referrals=["politie_112"], against_wish=["politie_112"], regie="R2",
          needs=dict(veiligheid="urgent")))
scen(S, "acuut-gevaar-wil-politie", "Slachtoffer is nu in gevaar en wil aangifte: 112 past bij de wens.",
     dict(last_incident_at=hours_ago(5 * 24), current_safety="acuut_onveilig", police_wish="aangifte",
          acts=["aanranding"], fluid_exposure=False),
     dict(referrals=["politie_112", "aangifte", "informatief_gesprek"]))
scen(S, "gevaar-thuis-kinderen-geen-toestemming", "Partner woont in huis, slachtoffer nu in gevaar, twee kinderen, geen toestemming en geen politie: 112 en melding Veilig Thuis tegen de wens in.",
     dict(last_incident_at=hours_ago(20 * 24), perpetrator_relation="partner", in_household=True, current_safety="acuut_onveilig",
          children_in_household=2, consent_mdt="nee", consent_scope=[], setting="thuis"),
     dict(referrals=["politie_112", "melding_veilig_thuis", "veiligheidsplan"],
          against_wish=["politie_112", "melding_veilig_thuis", "csg_casemanager_monitoring", "soa_onderzoek", "csg_niet_acute_zorg", "huisarts_nazorg"], absent=["advies_veilig_thuis"],
          regie="R3", regiehouder="veilig_thuis"))
scen(S, "ex-partner-geen-toegang-advies", "Ex-partner, 60 dagen geleden, geen contact of toegang meer, slachtoffer veilig: advies Veilig Thuis, geen melding.",
     dict(last_incident_at=hours_ago(60 * 24), perpetrator_relation="ex_partner", incidents_last_12_months=2),
     dict(referrals=["advies_veilig_thuis"], absent=["melding_veilig_thuis", "veiligheidsplan", "mda_screening"],
          regie="R1", regiehouder="csg_casemanager"))
scen(S, "ex-partner-escalatie-3", "Ex-partner zonder toegang, maar 3 incidenten in 12 maanden: structurele onveiligheid (melding Veilig Thuis) en escalatie (R3). Geen MDA++: de gewone hulp is niet uitgeput (0.2, item 11).",
     dict(last_incident_at=hours_ago(60 * 24), perpetrator_relation="ex_partner", incidents_last_12_months=3),
     dict(referrals=["melding_veilig_thuis"], absent=["advies_veilig_thuis", "mda_screening"], regie="R3",
          regiehouder="veilig_thuis"))
scen(S, "mda-hulp-uitgeput", "Partner in huis, langdurig geweld, eerdere hulp hielp niet: melding Veilig Thuis, veiligheidsplan en MDA++-screening.",
     dict(last_incident_at=hours_ago(20 * 24), perpetrator_relation="partner", in_household=True, pattern="langdurig",
          help_exhausted=True, setting="thuis"),
     dict(referrals=["melding_veilig_thuis", "veiligheidsplan", "mda_screening"], absent=["advies_veilig_thuis"],
          regie="R3", regiehouder="veilig_thuis"))
scen(S, "zorg-en-veiligheidshuis-complex", "Veel problemen tegelijk: drie instanties betrokken, psychische problemen, geld- en woonproblemen, kinderen: Zorg- en Veiligheidshuis.",
     dict(last_incident_at=hours_ago(60 * 24), involved_services=["ggz", "schuldhulp", "jeugdhulp"], vulnerabilities=["psychiatrie"],
          practical_problems=["financien", "wonen"], children_in_household=2),
     dict(referrals=["zorg_en_veiligheidshuis", "praktische_hulp_gemeente"], regie="R2"))
scen(S, "risico-meerdere-plegers", "Groepsverkrachting, 60 dagen geleden: meerdere plegers is een risicosignaal (R3).",
     dict(last_incident_at=hours_ago(60 * 24), multiple_perpetrators=True, perpetrator_relation="onbekende"),
     dict(regie="R3", regiehouder="csg_casemanager"))
scen(S, "risico-uitbuiting", "Signalen van uitbuiting (seks in ruil voor een slaapplek): R3.",
     dict(last_incident_at=hours_ago(60 * 24), exploitation_signals=True),
     dict(regie="R3"))
scen(S, "risico-wapen", "Pleger had een mes: wapen of doodsbedreiging is een risicosignaal (R3).",
     dict(last_incident_at=hours_ago(60 * 24), weapon_or_threat_to_kill=True),
     dict(regie="R3"))
scen(S, "risico-lvb", "Slachtoffer met een licht verstandelijke beperking: ernstig kwetsbaar (R3).",
     dict(last_incident_at=hours_ago(60 * 24), vulnerabilities=["lvb"]),
     dict(regie="R3"))
scen(S, "suicidaal-acuut", "Acute suïcidaliteit: crisisdienst direct, R3.",
     dict(last_incident_at=hours_ago(60 * 24), suicidality="acuut"),
     dict(referrals=["crisisdienst"], regie="R3", needs=dict(hulp="urgent")))
scen(S, "suicidaal-signalen", "Signalen van suïcidaliteit: huisarts binnen 24 uur, geen crisisdienst.",
     dict(last_incident_at=hours_ago(60 * 24), suicidality="signalen"),
     dict(referrals=["huisarts_suicidaliteit"], absent=["crisisdienst", "eigen_behandelaar_ggz"], urgency=dict(huisarts_suicidaliteit="binnen_24_uur"), regie="R1"))

# ============================================================== OVERIG
scen(O, "geen-vervolg-r0", "Volwassene, 2 jaar geleden, wil geen vervolgcontact, geen politie, geen Slachtofferhulp: alleen advies (R0).",
     dict(last_incident_at=hours_ago(730 * 24), follow_up_wish="nee", stress_level="laag"),
     dict(absent=["schadefonds", "csg_casemanager_monitoring", "shn_steun", "informatief_gesprek", "csg_niet_acute_zorg"],
          regie="R0"))
scen(O, "geen-vervolg-acuut", "30 uur geleden, wil geen vervolgcontact: de acute medische zorg blijft, maar geen casemanager (R0).",
     dict(last_incident_at=hours_ago(30), follow_up_wish="nee"),
     dict(referrals=["csg_acute_opvang", "hiv_pep", "hepatitis_b_vaccinatie"], absent=["csg_casemanager_monitoring"],
          regie="R0"))
scen(O, "online-alleen-acuut", "Alleen online (beeldmateriaal), 30 uur geleden: geen acute medische of forensische CSG-zorg, wel psychische hulp van het CSG, beelden laten verwijderen en advies; geen Schadefonds (0.2, items 2, 4 en 14).",
     dict(last_incident_at=hours_ago(30), acts=["online_beeldmateriaal"], fluid_exposure=False, setting="online"),
     dict(referrals=["csg_psychische_hulp", "beelden_verwijderen_advies", "csg_casemanager_monitoring"],
          absent=["csg_acute_opvang", "hiv_pep", "hepatitis_b_vaccinatie", "forensisch_onderzoek", "soa_onderzoek", "huisarts_nazorg", "schadefonds"],
          regie="R1", regiehouder="csg_casemanager"))
scen(O, "al-behandeld", "30 uur geleden, al bij het CSG geweest, PEP gestart, morning-afterpil genomen, al ingeënt: niets dubbel.",
     dict(last_incident_at=hours_ago(30), pregnancy_possible=True, pep_started=True, emergency_contraception_taken=True,
          hbv_vaccinated=True, care_received=["csg"]),
     dict(absent=["hiv_pep", "noodanticonceptie",
                  "hepatitis_b_vaccinatie", "csg_acute_opvang"],
          referrals=["soa_onderzoek", "csg_casemanager_monitoring"]))
scen(O, "open-vragen-acuut", "Alleen leeftijd, regio en tijdstip bekend (30 uur geleden): de engine vraagt naar contact met sperma of bloed en zwangerschap.",
     dict(age=30, region="oost-brabant", last_incident_at=hours_ago(30)),
     dict(possible=["csg_acute_opvang", "hiv_pep", "noodanticonceptie"],
          questions=["fluid_exposure", "pregnancy_possible", "pep_started", "care_received"], no_questions=["age", "last_incident_at", "region"]),
     base=False)
scen(O, "wens-politie-onbekend", "Wens over politie nog niet gevraagd: aangifte en informatief gesprek zijn mogelijk, niet zeker.",
     dict(last_incident_at=hours_ago(60 * 24)),
     dict(possible=["aangifte", "informatief_gesprek"], questions=["police_wish"]),
     drop=["police_wish"])
scen(O, "naaste-belt", "Een vriendin belt namens het slachtoffer: advies en steun voor naasten.",
     dict(last_incident_at=hours_ago(60 * 24), caller_role="naaste"),
     dict(referrals=["advies_naasten"]))
scen(O, "herstelbemiddeling-onbekende-pleger", "Slachtoffer wil later misschien herstelbemiddeling, maar de pleger is een onbekende: geen herstelbemiddeling.",
     dict(last_incident_at=hours_ago(60 * 24), perpetrator_relation="onbekende", wants_herstelbemiddeling="later"),
     dict(absent=["herstelbemiddeling"]))
scen(O, "herstelbemiddeling-later", "Slachtoffer wil misschien later herstelbemiddeling; de pleger is bekend: informatie over herstelbemiddeling.",
     dict(last_incident_at=hours_ago(60 * 24), wants_herstelbemiddeling="later"),
     dict(referrals=["herstelbemiddeling"], needs=dict(herstel="informatie")))
scen(O, "oude-zaak-15-jaar", "Verkrachting 15 jaar geleden, twijfelt over aangifte: informatief gesprek (verkrachting verjaart niet meer), Schadefonds: termijn controleren.",
     dict(last_incident_at=hours_ago(15 * 365 * 24), police_wish="twijfel", stress_level="laag"),
     dict(referrals=["informatief_gesprek"], absent=["aangifte", "csg_niet_acute_zorg"], regie="R0"))
scen(O, "oost-brabant-acuut", "Zelfde aanbod in Oost-Brabant: acuut, 20 uur geleden, wil aangifte.",
     dict(last_incident_at=hours_ago(20), region="oost-brabant", police_wish="aangifte", forensic_wish="ja", wants_shn_support=True),
     dict(referrals=["csg_acute_opvang", "hiv_pep", "forensisch_onderzoek", "aangifte", "informatief_gesprek", "slachtofferadvocaat",
                     "shn_juridische_informatie", "shn_steun"],
          regie="R2", regiehouder="csg_casemanager"))
scen(S, "partner-kijkt-mee", "Partner (niet samenwonend, geen toegang), slachtoffer veilig, maar bellen is niet veilig omdat de partner meekijkt: veiligheidsplan en advies Veilig Thuis, geen melding.",
     dict(last_incident_at=hours_ago(60 * 24), perpetrator_relation="partner", safe_to_contact=False),
     dict(referrals=["veiligheidsplan", "advies_veilig_thuis"], absent=["melding_veilig_thuis"]))

scen(S, "kind-8-vader-moeder-wil-geen-politie", "Kind van 8, misbruikt door vader die in huis woont, 48 uur geleden; moeder (gezag) wil wel sporenonderzoek maar geen politie en geen melding: melding Veilig Thuis, zedenoverleg en verhoorstudio gaan tegen de wens in; LOEF via de zedenpolitie voor het onderzoek, zonder toestemming voor de politie dus ook gemarkeerd.",
     dict(age=8, last_incident_at=hours_ago(48), perpetrator_relation="gezinslid", in_household=True, perpetrator_has_access=True,
          acts=["aanranding"], fluid_exposure=False, setting="thuis", caller_role="ouder_gezag", police_wish="nee",
          forensic_wish="ja", consent_mdt="deels", consent_scope=["csg", "huisarts"], children_in_household=2),
     dict(referrals=["melding_veilig_thuis", "zedenoverleg_om", "verhoorstudio", "forensisch_onderzoek_loef", "beslissing_ouders_gezag",
                     "csg_acute_opvang", "veiligheidsplan", "advies_naasten"],
          against_wish=["melding_veilig_thuis", "zedenoverleg_om", "verhoorstudio", "forensisch_onderzoek_loef", "shn_juridische_informatie"],
          absent=["forensisch_onderzoek", "informatief_gesprek", "aangifte", "beslissing_samen"],
          regie="R3", regiehouder="veilig_thuis", needs=dict(veiligheid="urgent", strafrecht="urgent")))

scen(O, "na-informatief-gesprek-aangifte", "Informatief gesprek al gehad, wil nu aangifte doen: aangifte direct, geen tweede informatief gesprek; slachtofferadvocaat.",
     dict(last_incident_at=hours_ago(20 * 24), police_status="informatief_gesprek", police_wish="aangifte"),
     dict(referrals=["aangifte", "slachtofferadvocaat"], absent=["informatief_gesprek"], regie="R2", regiehouder="shn_casemanager"))
scen(O, "aangifte-al-gedaan", "Aangifte al gedaan: geen nieuwe aangifte of informatief gesprek, wel slachtofferadvocaat en juridische informatie van Slachtofferhulp.",
     dict(last_incident_at=hours_ago(20 * 24), police_status="aangifte", police_wish="aangifte", wants_shn_support=True),
     dict(referrals=["slachtofferadvocaat", "shn_juridische_informatie", "shn_steun"], absent=["aangifte", "informatief_gesprek"],
          regiehouder="shn_casemanager"))
scen(O, "wurging-geen-vervolg", "Wurging door een bekende, 20 dagen geleden; slachtoffer wil geen vervolgcontact: toch R3 (risicosignaal) met een regiehouder.",
     dict(last_incident_at=hours_ago(20 * 24), strangulation=True, follow_up_wish="nee"),
     dict(regie="R3", regiehouder="csg_casemanager", absent=["csg_casemanager_monitoring"]))

scen(S, "onveilig-thuis-kind-in-huis", "Partner woont niet in huis en heeft geen sleutel; het slachtoffer weet niet zeker of het veilig is; er woont een kind in huis. 'Niet zeker' alleen is geen acute onveiligheid: advies Veilig Thuis en een veiligheidsplan, geen melding tegen de wens (0.2, item 8).",
     dict(last_incident_at=hours_ago(20 * 24), perpetrator_relation="partner", current_safety="onzeker", children_in_household=1,
          consent_mdt="nee", consent_scope=[]),
     dict(referrals=["advies_veilig_thuis", "veiligheidsplan"], absent=["melding_veilig_thuis"], regie="R2"))
scen(S, "onveilig-thuis-geen-kinderen", "Zelfde situatie zonder kinderen in huis, met toestemming: advies Veilig Thuis en veiligheidsplan, geen melding.",
     dict(last_incident_at=hours_ago(20 * 24), perpetrator_relation="partner", current_safety="onzeker", children_in_household=0),
     dict(referrals=["advies_veilig_thuis", "veiligheidsplan"], absent=["melding_veilig_thuis"], regie="R2"))


# ============================================================== 0.2 (issue 9): één scenario per punt, met grensparen
N = "0.2, item "

# 1. toestemming 'nee' = lege scope; verwijzingen buiten de toestemming gemarkeerd
scen(S, "toestemming-nee-scope-leeg", N + "1: toestemming 'nee' zonder ingevulde scope betekent toestemming voor niemand. De melding Veilig Thuis (partner in huis) staat als tegen de wens, met meldrecht; ook de CSG-zorg staat gemarkeerd (bespreek eerst toestemming), al was het eerste contact het CSG (0.3, punt 14: 'nee' wint van het kanaal).",
     dict(last_incident_at=hours_ago(20 * 24), perpetrator_relation="partner", in_household=True, setting="thuis",
          consent_mdt="nee", stress_level="matig"),
     dict(referrals=["melding_veilig_thuis", "veiligheidsplan"],
          against_wish=["melding_veilig_thuis", "csg_casemanager_monitoring", "soa_onderzoek", "csg_niet_acute_zorg", "huisarts_nazorg"],
          regie="R3", regiehouder="veilig_thuis"), drop=("consent_scope",))
scen(O, "toestemming-deels-zonder-politie", N + "1: toestemming 'deels' zonder de politie; het slachtoffer wil aangifte. Aangifte en het informatieve gesprek staan gemarkeerd (bespreek eerst toestemming), nooit tegen de wens zelf.",
     dict(last_incident_at=hours_ago(60 * 24), police_wish="aangifte", consent_mdt="deels", consent_scope=["csg", "shn"],
          wants_shn_support=True),
     dict(referrals=["aangifte", "informatief_gesprek", "slachtofferadvocaat", "shn_steun"],
          against_wish=["aangifte", "informatief_gesprek", "huisarts_nazorg"]))
scen(O, "kanaal-politie-nee-wint", "0.3, punt 14: het eerste contact was de politie, maar de toestemming is 'nee': het kanaal geeft geen toestemming, dus aangifte en informatief gesprek staan gemarkeerd (bespreek eerst toestemming).",
     dict(last_incident_at=hours_ago(60 * 24), police_wish="aangifte", channel="politie", consent_mdt="nee", consent_scope=[]),
     dict(referrals=["aangifte", "informatief_gesprek"], absent=["melding_veilig_thuis"],
          against_wish=["aangifte", "informatief_gesprek", "csg_niet_acute_zorg", "soa_onderzoek", "huisarts_nazorg"]))

# 2. geen acute CSG-zorg zonder lichamelijk contact
scen(O, "intimidatie-acuut-geen-csg-acuut", N + "2: alleen seksuele intimidatie, 2 dagen geleden: geen acute medische of forensische CSG-zorg, wel psychische hulp van het CSG.",
     dict(last_incident_at=hours_ago(48), acts=["intimidatie"], fluid_exposure=False, forensic_wish="ja"),
     dict(referrals=["csg_psychische_hulp"], absent=["csg_acute_opvang", "forensisch_onderzoek", "hiv_pep", "hepatitis_b_vaccinatie"]))

# 3. LOEF voor 0 t/m 15, CSG vanaf 16 (grenspaar 15/16)
scen(L, "forensisch-15-loef", N + "3: 15 jaar, 30 uur geleden, wil sporenonderzoek: LOEF via de zedenpolitie.",
     dict(age=15, last_incident_at=hours_ago(30), forensic_wish="ja"),
     dict(referrals=["forensisch_onderzoek_loef"], absent=["forensisch_onderzoek"], voice="je"))
scen(L, "forensisch-16-csg", N + "3: 16 jaar, 30 uur geleden, wil sporenonderzoek: de forensisch arts van het CSG.",
     dict(age=16, last_incident_at=hours_ago(30), forensic_wish="ja"),
     dict(referrals=["forensisch_onderzoek"], absent=["forensisch_onderzoek_loef"], voice="je"))

# 4. Schadefonds: niet bij alleen online; oude zaak: verjaring laten nakijken
scen(O, "schadefonds-niet-bij-alleen-online", N + "4: sextortion zonder lichamelijk contact, 2 maanden geleden: geen Schadefonds (dat vraagt ernstig letsel door een geweldsmisdrijf).",
     dict(last_incident_at=hours_ago(60 * 24), acts=["online_beeldmateriaal"], fluid_exposure=False, setting="online"),
     dict(referrals=["beelden_verwijderen_advies"], absent=["schadefonds", "csg_acute_opvang"]))
scen(O, "oude-zaak-verjaring-nakijken", N + "4: verkrachting 20 jaar geleden, aangifte al gedaan, wil nu een informatief gesprek over de verjaring: informatief gesprek en slachtofferadvocaat om de verjaring na te kijken; Schadefonds alleen met een goede reden.",
     dict(last_incident_at=hours_ago(20 * 365 * 24), police_status="aangifte", police_wish="informatief_gesprek"),
     dict(referrals=["informatief_gesprek", "slachtofferadvocaat"], needs=dict(strafrecht="informatie")))

# 5. drogering: eerste urine binnen 12 uur, ook bij kinderen (grenspaar 12/13 uur)
scen(T, "drogering-12u-eerste-urine", N + "5: 14 jaar, vermoeden van drogering, 12 uur geleden: eerste urine bewaren, direct, ook zonder besluit over forensisch onderzoek.",
     dict(age=14, last_incident_at=hours_ago(12), drugs_suspected=True, forensic_wish="twijfel"),
     dict(referrals=["eerste_urine_bewaren"], urgency=dict(eerste_urine_bewaren="direct")))
scen(T, "drogering-13u-geen-urine", N + "5: zelfde, 13 uur geleden: GHB is niet meer in urine aan te tonen; geen aparte urineverwijzing.",
     dict(age=14, last_incident_at=hours_ago(13), drugs_suspected=True, forensic_wish="twijfel"),
     dict(absent=["eerste_urine_bewaren"], referrals=["forensisch_onderzoek_loef"]))

# 6. oraal/anaal onder 48 uur direct (grenspaar 47/48 uur)
scen(T, "oraal-47u-direct", N + "6: oraal contact 47 uur geleden, wil sporenonderzoek: forensisch onderzoek direct.",
     dict(last_incident_at=hours_ago(47), acts=["oraal"], forensic_wish="ja"),
     dict(urgency=dict(forensisch_onderzoek="direct")))
scen(T, "oraal-48u-binnen-24-uur", N + "6: oraal contact 48 uur geleden: niet meer 'direct', wel binnen 24 uur (7 dagen is de uiterste grens voor vaginale sporen).",
     dict(last_incident_at=hours_ago(48), acts=["oraal"], forensic_wish="ja"),
     dict(urgency=dict(forensisch_onderzoek="binnen_24_uur")))

# 7. professionele zorgverlener en school
scen(S, "zorgverlener-professioneel-igj", N + "7: volwassene misbruikt door een professionele zorgverlener: geen huiselijk geweld; de zorgaanbieder meldt bij de IGJ.",
     dict(last_incident_at=hours_ago(20 * 24), perpetrator_relation="professionele_zorgverlener", setting="instelling"),
     dict(referrals=["melding_zorgaanbieder_igj"], absent=["melding_veilig_thuis", "advies_veilig_thuis"], regie="R2"))
scen(S, "mantelzorger-huiselijk", N + "7: volwassene misbruikt door een mantelzorger: huiselijke kring (advies Veilig Thuis), geen IGJ-melding.",
     dict(last_incident_at=hours_ago(20 * 24), perpetrator_relation="mantelzorger", setting="thuis"),
     dict(referrals=["advies_veilig_thuis"], absent=["melding_zorgaanbieder_igj"]))
scen(L, "school-leraar-leerling-14", N + "7: leerling van 14, misbruikt door een leraar, wil geen politie: het schoolbestuur moet aangifte doen, ook tegen de wens; Veilig Thuis en zedenoverleg als bij een afhankelijkheidsrelatie.",
     dict(age=14, last_incident_at=hours_ago(20 * 24), perpetrator_relation="onderwijs_medewerker", setting="werk_school_sport",
          police_wish="nee", consent_mdt="nee", consent_scope=[]),
     dict(referrals=["aangifteplicht_schoolbestuur", "melding_veilig_thuis", "zedenoverleg_om"],
          against_wish=["aangifteplicht_schoolbestuur", "melding_veilig_thuis", "zedenoverleg_om", "csg_casemanager_monitoring", "soa_onderzoek", "csg_niet_acute_zorg", "shn_juridische_informatie", "huisarts_nazorg"],
          regie="R3", regiehouder="veilig_thuis", voice="je"))

# 9. geen onware uitleg: kinderen in huis, pleger zonder toegang -> geen R3 'kinderen maken het mee'
scen(S, "kinderen-pleger-zonder-toegang", N + "9: patroon van geweld door een partner die niet in huis woont en de kinderen niet kan bereiken: melding Veilig Thuis (patroon), maar geen R3 om de kinderen.",
     dict(last_incident_at=hours_ago(20 * 24), perpetrator_relation="partner", pattern="herhaald", children_in_household=2, setting="thuis"),
     dict(referrals=["melding_veilig_thuis"], regie="R2", regiehouder="veilig_thuis"))

# 12. geen herstelbemiddeling als de pleger een minderjarige kan bereiken
scen(L, "herstelbemiddeling-niet-bij-toegang-minderjarige", N + "12: 15 jaar, de oom (familielid) kan haar nog bereiken; zij wil herstelbemiddeling: eerst veiligheid, geen herstelbemiddeling.",
     dict(age=15, last_incident_at=hours_ago(90 * 24), perpetrator_relation="familielid", perpetrator_has_access=True,
          wants_herstelbemiddeling="ja"),
     dict(referrals=["melding_veilig_thuis"], absent=["herstelbemiddeling"], regie="R3"))

# 13. HIV-PEP: geen PEP bij PrEP
scen(T, "prep-geen-pep", N + "13: 30 uur geleden, contact met sperma, gebruikt PrEP: geen HIV-PEP.",
     dict(last_incident_at=hours_ago(30), uses_prep=True),
     dict(absent=["hiv_pep"], referrals=["hepatitis_b_vaccinatie", "csg_acute_opvang"]))

# 14. mensenhandel en buiten de pilotregio's
scen(S, "mensenhandel-ongedocumenteerd", N + "14: gedwongen sekswerk, zonder verblijfsvergunning: mensenhandelroute (zorgcoördinator, CoMensha), R3.",
     dict(last_incident_at=hours_ago(10 * 24), exploitation_signals=True, vulnerabilities=["ongedocumenteerd"], perpetrator_relation="bekende"),
     dict(referrals=["zorgcoordinator_mensenhandel", "comensha"], absent=["mda_screening"], regie="R3"))
scen(O, "regio-overig-acuut", N + "14: buiten de pilotregio's (regio 'overig'): hetzelfde aanbod, met landelijke nummers; geen open vraag naar de regio.",
     dict(last_incident_at=hours_ago(30), region="overig"),
     dict(referrals=["csg_acute_opvang", "hiv_pep", "hepatitis_b_vaccinatie"], no_questions=["region"]))

# 15. melder is niet het slachtoffer; vertegenwoordiger
scen(L, "jongere-16-ouder-belt-andere-wens", N + "15: 16 jaar, de moeder belt en wil aangifte, de jongere zelf wil iets anders: de jongere beslist, dus geen aangifte of gesprek op de wens van de moeder; de jongere zelf horen.",
     dict(age=16, last_incident_at=hours_ago(60 * 24), caller_role="ouder_gezag", police_wish="aangifte", victim_view="anders"),
     dict(referrals=["eigen_stem_jongere", "advies_naasten"], absent=["aangifte", "informatief_gesprek"], voice="melder"))
scen(L, "jongere-14-ouder-belt-mening-onbekend", N + "15: 14 jaar, de vader belt en wil aangifte; wat het kind zelf wil, is nog onbekend: aangifte alleen mogelijk, en de vraag naar de eigen mening staat open.",
     dict(age=14, last_incident_at=hours_ago(60 * 24), caller_role="ouder_gezag", police_wish="aangifte"),
     dict(possible=["aangifte"], referrals=["eigen_stem_jongere"], questions=["victim_view"]), drop=("victim_view",))
scen(O, "vertegenwoordiger-dementie", N + "15: vrouw van 84 met dementie; de mentor spreekt voor haar en wil aangifte: de wens komt van de vertegenwoordiger, het voorstel zegt dat.",
     dict(age=84, last_incident_at=hours_ago(20 * 24), caller_role="naaste", representative=True, representative_close_to_perpetrator=False, victim_view=None,
          police_wish="aangifte", perpetrator_relation="professionele_zorgverlener", setting="instelling"),
     dict(referrals=["wens_vertegenwoordiger", "aangifte", "melding_zorgaanbieder_igj"], voice="melder"))

# Ook: stem en vraagvolgorde
scen(O, "chat-volwassene-je", "Ook (stem): een volwassene in de chat krijgt 'je'.",
     dict(last_incident_at=hours_ago(60 * 24), channel="chat"),
     dict(voice="je"))

# ============================================================== 0.3 (issue 17): elk punt faalt op 0.2.1
N3 = "regels-0-3.toml"

# 1. Kind, pleger buiten het gezin met toegang
scen(N3, "p1-kind-10-buurjongen-13-toegang",
     "Punt 1: meisje van 10, misbruikt door een buurjongen van 13 die haar nog kan bereiken: binnen 24 uur contact stoppen en advies Veilig Thuis (ook over de minderjarige pleger).",
     dict(age=10, last_incident_at=hours_ago(20 * 24), acts=["aanranding"], fluid_exposure=False,
          perpetrator_relation="bekende", perpetrator_has_access=True, perpetrator_minor=True, setting="thuis",
          caller_role="ouder_gezag", victim_view=None),
     dict(referrals=["kind_contact_stoppen", "advies_veilig_thuis"], urgency=dict(kind_contact_stoppen="binnen_24_uur", advies_veilig_thuis="binnen_24_uur"),
          needs=dict(veiligheid="urgent"), regie="R3", regiehouder="veilig_thuis"))
scen(N3, "p1-grens-11-jaar-pleger-toegang",
     "Punt 1 (grens 11/12): jongen van 11, de trainer van zijn club kan hem nog bereiken: stap binnen 24 uur.",
     dict(age=11, last_incident_at=hours_ago(30 * 24), acts=["aanranding"], fluid_exposure=False,
          perpetrator_relation="bekende", perpetrator_has_access=True, setting="werk_school_sport",
          caller_role="ouder_gezag", victim_view=None),
     dict(referrals=["kind_contact_stoppen", "advies_veilig_thuis", "beslissing_ouders_gezag"], needs=dict(veiligheid="urgent")))
scen(N3, "p1-grens-12-jaar-pleger-toegang",
     "Punt 1 (grens 11/12): meisje van 12, de trainer kan haar nog bereiken: dezelfde stap, nu beslissen ouders en kind samen.",
     dict(age=12, last_incident_at=hours_ago(30 * 24), acts=["aanranding"], fluid_exposure=False,
          perpetrator_relation="bekende", perpetrator_has_access=True, setting="werk_school_sport",
          caller_role="ouder_gezag", victim_view="zelfde"),
     dict(referrals=["kind_contact_stoppen", "advies_veilig_thuis", "beslissing_samen"], absent=["beslissing_ouders_gezag"],
          needs=dict(veiligheid="urgent")))

# 2. Hoog risico in de huiselijke kring
scen(N3, "p2-stalking-dwingende-controle-angst",
     "Punt 2: vrouw van 34, ex-partner stalkt haar, scheiding met dwingende controle, zij is erg bang: R3 met Veilig Thuis en een melding op grond van meldrecht (ook zonder toestemming).",
     dict(age=34, last_incident_at=hours_ago(40 * 24), perpetrator_relation="ex_partner", setting="thuis",
          stalking=True, separation_coercive_control=True, victim_fear="hoog", consent_mdt="nee", consent_scope=[]),
     dict(referrals=["melding_veilig_thuis", "veiligheidsplan"], absent=["advies_veilig_thuis"], against_wish=["melding_veilig_thuis", "soa_onderzoek", "csg_niet_acute_zorg", "huisarts_nazorg"],
          regie="R3", regiehouder="veilig_thuis", needs=dict(veiligheid="urgent")))

# 3. PrEP onbekend / ja / nee (en hepatitis B-vaccinatie onbekend)
for prep, expect in [(None, "referrals"), (True, "absent"), (False, "referrals")]:
    name = {None: "onbekend", True: "ja", False: "nee"}[prep]
    scen(N3, f"p3-prep-{name}",
         f"Punt 3: vrouw van 27, verkracht 20 uur geleden, PrEP-gebruik {name}" + (", vaccinatie tegen hepatitis B onbekend" if prep is None else "") + ": alleen een bekend 'ja' laat HIV-PEP weg.",
         dict(age=27, last_incident_at=hours_ago(20), perpetrator_relation="onbekende", uses_prep=prep,
              hbv_vaccinated=(None if prep is None else False)),
         {expect: ["hiv_pep"], **({"referrals": ["hiv_pep", "hepatitis_b_vaccinatie"]} if prep is None else {}),
          **({"urgency": dict(hiv_pep="direct")} if prep is not True else {})})

# 5. Pleger in huis: veiligheidsplan binnen 24 uur, direct bij acuut gevaar, tijdelijk huisverbod
scen(N3, "p5-partner-in-huis",
     "Punt 5: vrouw van 31, haar partner woont in huis: veiligheidsplan binnen 24 uur (niet binnen een week) en een tijdelijk huisverbod bespreken.",
     dict(age=31, last_incident_at=hours_ago(15 * 24), acts=["aanranding"], fluid_exposure=False,
          perpetrator_relation="partner", in_household=True, setting="thuis"),
     dict(referrals=["veiligheidsplan", "tijdelijk_huisverbod", "melding_veilig_thuis"],
          urgency=dict(veiligheidsplan="binnen_24_uur", tijdelijk_huisverbod="binnen_24_uur")))
scen(N3, "p5-partner-in-huis-acuut-gevaar",
     "Punt 5: vrouw van 31, haar partner woont in huis en zij is nu in gevaar: veiligheidsplan direct.",
     dict(age=31, last_incident_at=hours_ago(15 * 24), acts=["aanranding"], fluid_exposure=False,
          perpetrator_relation="partner", in_household=True, setting="thuis", current_safety="acuut_onveilig"),
     dict(referrals=["veiligheidsplan", "politie_112", "melding_veilig_thuis"], urgency=dict(veiligheidsplan="direct")))

# 4. Pleger in de zorg of op school; zelfstandige zorgverlener
scen(N3, "p4-fysiotherapeut-zelfstandig",
     "Punt 4: vrouw van 45, misbruikt door haar fysiotherapeut met een eigen praktijk: vandaag weg van cliënten, en haar eigen routes (Landelijk Meldpunt Zorg, tuchtklacht).",
     dict(age=45, last_incident_at=hours_ago(12 * 24), acts=["aanranding"], fluid_exposure=False,
          perpetrator_relation="professionele_zorgverlener", perpetrator_has_access=True, setting="instelling", solo_practitioner=True),
     dict(referrals=["medewerker_weghouden", "landelijk_meldpunt_zorg", "tuchtklacht", "melding_zorgaanbieder_igj"],
          urgency=dict(medewerker_weghouden="direct")))
scen(N3, "p4-leraar-leerling-15",
     "Punt 4: leerling van 15, misbruikt door een leraar die haar nog lesgeeft: het schoolbestuur houdt de leraar vandaag weg, naast de aangifteplicht.",
     dict(age=15, last_incident_at=hours_ago(9 * 24), acts=["aanranding"], fluid_exposure=False,
          perpetrator_relation="onderwijs_medewerker", perpetrator_has_access=True, setting="werk_school_sport"),
     dict(referrals=["medewerker_weghouden", "aangifteplicht_schoolbestuur"], urgency=dict(medewerker_weghouden="direct")))

# 14. 'nee' wint van het kanaal
scen(N3, "p14-kanaal-politie-toestemming-nee",
     "Punt 14: eerste contact via de politie, toestemming 'nee': geen toestemming voor de politie via het kanaal; de verwijzingen naar de politie staan gemarkeerd (bespreek eerst toestemming).",
     dict(age=26, last_incident_at=hours_ago(45 * 24), police_wish="aangifte", channel="politie", consent_mdt="nee", consent_scope=[]),
     dict(referrals=["aangifte", "informatief_gesprek"],
          against_wish=["aangifte", "informatief_gesprek", "csg_niet_acute_zorg", "soa_onderzoek", "huisarts_nazorg"]))
scen(N3, "p14-kanaal-csg-toestemming-nee",
     "Punt 14: eerste contact via het CSG (0800), toestemming 'nee', 20 uur na verkrachting: de CSG-zorg staat gemarkeerd (bespreek eerst toestemming); het slachtoffer kan zelf bellen.",
     dict(age=26, last_incident_at=hours_ago(20), channel="csg_0800", consent_mdt="nee", consent_scope=[], perpetrator_relation="onbekende"),
     dict(referrals=["csg_acute_opvang", "hiv_pep"], against_wish=["csg_acute_opvang", "hiv_pep", "hepatitis_b_vaccinatie", "soa_onderzoek",
          "huisarts_nazorg", "csg_casemanager_monitoring"]))

# 9. Suïcidale signalen bij iemand in GGZ-behandeling
scen(N3, "p9-suicidaal-in-ggz-behandeling",
     "Punt 9: vrouw van 29, al in GGZ-behandeling, signalen van gedachten aan zelfdoding: naar de eigen behandelaar binnen 24 uur (binnen haar toestemming), niet naar de huisarts.",
     dict(acts=["aanranding"], fluid_exposure=False, age=29, last_incident_at=hours_ago(50 * 24), suicidality="signalen", in_ggz_treatment=True,
          consent_mdt="deels", consent_scope=["csg", "ggz"]),
     dict(referrals=["eigen_behandelaar_ggz"], absent=["huisarts_nazorg", "huisarts_suicidaliteit"],
          urgency=dict(eigen_behandelaar_ggz="binnen_24_uur"), against_wish=[]))
scen(N3, "p9-suicidaal-niet-in-behandeling",
     "Punt 9: man van 40, niet in behandeling, signalen van gedachten aan zelfdoding: huisarts binnen 24 uur met een eerlijke reden en 113 (niet 'uitslagen bespreken').",
     dict(acts=["aanranding"], fluid_exposure=False, age=40, last_incident_at=hours_ago(50 * 24), suicidality="signalen", in_ggz_treatment=False),
     dict(referrals=["huisarts_suicidaliteit"], absent=["huisarts_nazorg", "eigen_behandelaar_ggz"]))

# 6. Mensenhandel: B8/3 voor wie geen verblijfsvergunning heeft; veilige plek vannacht voor een kind
scen(N3, "p6-uitbuiting-ongedocumenteerd",
     "Punt 6: vrouw van 23 zonder verblijfsvergunning, gedwongen tot sekswerk: B8/3-bedenktijd met opvang, naast de mensenhandelroute.",
     dict(age=23, last_incident_at=hours_ago(6 * 24), exploitation_signals=True, vulnerabilities=["ongedocumenteerd"],
          perpetrator_relation="bekende", setting="openbaar", pattern="langdurig"),
     dict(referrals=["b8_bedenktijd", "zorgcoordinator_mensenhandel", "comensha"], regie="R3"))
scen(N3, "p6-loverboy-15-dakloos",
     "Punt 6: Nederlands meisje van 15, uitgebuit door een loverboy, slaapt niet meer thuis: vannacht een veilige plek; geen tekst over verblijfsstatus (geen B8/3).",
     dict(age=15, last_incident_at=hours_ago(3 * 24), exploitation_signals=True, vulnerabilities=["dakloos"],
          perpetrator_relation="bekende", setting="openbaar", pattern="herhaald", current_safety="onzeker"),
     dict(referrals=["veilige_plek_vannacht", "zorgcoordinator_mensenhandel"], absent=["b8_bedenktijd"],
          urgency=dict(veilige_plek_vannacht="direct"), regie="R3"))

# 7. Een strafzaak tegen de wens in: toch advocaat en uitleg over rechten
scen(N3, "p7-school-aangifteplicht-wil-geen-politie",
     "Punt 7: leerling van 14, misbruikt door een leraar, wil geen politie; het schoolbestuur moet aangifte doen: toch een gratis slachtofferadvocaat en uitleg van Slachtofferhulp over haar rechten.",
     dict(age=14, last_incident_at=hours_ago(25 * 24), acts=["aanranding"], fluid_exposure=False,
          perpetrator_relation="onderwijs_medewerker", setting="werk_school_sport", police_wish="nee", wants_shn_support=False),
     dict(referrals=["slachtofferadvocaat", "shn_juridische_informatie", "aangifteplicht_schoolbestuur"]))
scen(N3, "p7-zedenoverleg-kind-stiefvader",
     "Punt 7: meisje van 13, misbruikt door haar stiefvader, moeder wil geen politie: zedenoverleg met het OM, en dus ook een slachtofferadvocaat.",
     dict(age=13, last_incident_at=hours_ago(40 * 24), acts=["aanranding"], fluid_exposure=False,
          perpetrator_relation="gezinslid", in_household=True, setting="thuis", police_wish="nee",
          caller_role="ouder_gezag", victim_view="zelfde"),
     dict(referrals=["slachtofferadvocaat", "zedenoverleg_om"]))

# 8. Medische nazorg: zwangerschapstest (grens 120/121 uur), huisarts na de acute week, drogering na 12 uur (grens 12/13 uur)
for h, test in [(120, False), (121, True)]:
    scen(N3, f"p8-zwangerschap-{h}u",
         f"Punt 8 (grens 120/121 uur): vrouw van 22, vaginale verkrachting {h} uur geleden, zwangerschap mogelijk: " +
         ("noodanticonceptie kan nog, nog geen zwangerschapstest." if not test else "geen noodanticonceptie meer; wel een zwangerschapstest (vanaf 3 weken betrouwbaar)."),
         dict(age=22, last_incident_at=hours_ago(h), pregnancy_possible=True, perpetrator_relation="onbekende"),
         dict(referrals=(["zwangerschapstest"] if test else ["noodanticonceptie"]),
              absent=(["noodanticonceptie"] if test else ["zwangerschapstest"])))
scen(N3, "p8-zwangerschap-herhaald-misbruik",
     "Punt 8: vrouw van 22, herhaald misbruik door haar partner, laatste keer 50 uur geleden: noodanticonceptie en ook een zwangerschapstest (eerder misbruik).",
     dict(age=22, last_incident_at=hours_ago(50), pregnancy_possible=True, perpetrator_relation="ex_partner", pattern="herhaald"),
     dict(referrals=["noodanticonceptie", "zwangerschapstest"]))
scen(N3, "p8-huisarts-nazorg-dag-10",
     "Punt 8: man van 35, anale verkrachting 10 dagen geleden, PEP gestart: de nazorg door de huisarts loopt door na de acute week (PEP 4 weken, vervolgtesten).",
     dict(age=35, last_incident_at=hours_ago(240), acts=["anaal"], pep_started=True, perpetrator_relation="onbekende"),
     dict(referrals=["huisarts_nazorg"]))
for h, later in [(12, False), (13, True)]:
    scen(N3, f"p8-drogering-{h}u",
         f"Punt 8 (grens 12/13 uur): vrouw van 19, vermoeden van drogering, {h} uur geleden: " +
         ("eerste urine bewaren (GHB nog aan te tonen)." if not later else "GHB is meestal weg, maar bloed en urine bij het forensisch onderzoek helpen nog voor andere middelen."),
         dict(age=19, last_incident_at=hours_ago(h), drugs_suspected=True, perpetrator_relation="onbekende", forensic_wish="twijfel"),
         dict(referrals=(["bloed_urine_drogering"] if later else ["eerste_urine_bewaren"]),
              absent=(["eerste_urine_bewaren"] if later else [])))

# 10. Herhaling: geen opgelegde R2 voor een veilige volwassene die geen vervolg wil
scen(N3, "p10-herhaling-volwassene-wil-geen-vervolg",
     "Punt 10: vrouw van 41, veilig, wil geen vervolgcontact; een eerdere zaak is 100 dagen geleden afgesloten op R2: R1 met één aangeboden contactmoment, geen stille R2.",
     dict(age=41, last_incident_at=hours_ago(60 * 24), acts=["aanranding"], fluid_exposure=False, follow_up_wish="nee",
          previous_regie_level="R2", previous_case_closed_at=days_ago_date(100)),
     dict(regie="R1", referrals=["eenmalig_contactmoment"], regiehouder="csg_casemanager"))
scen(N3, "p10-herhaling-volwassene-onzeker-blijft-r2",
     "Punt 10: dezelfde vrouw, maar niet zeker of ze veilig is: de herhaling houdt R2.",
     dict(age=41, last_incident_at=hours_ago(60 * 24), acts=["aanranding"], fluid_exposure=False, follow_up_wish="nee",
          current_safety="onzeker", previous_regie_level="R2", previous_case_closed_at=days_ago_date(100)),
     dict(regie="R2", absent=["eenmalig_contactmoment"]))

# 11. Vertegenwoordiger die (dicht bij) de pleger staat
scen(N3, "p11-vertegenwoordiger-is-partner-pleger",
     "Punt 11: vrouw van 79 met dementie; haar zoon is mentor en de pleger is zijn vader: de zoon spreekt niet namens haar. Overleg met Veilig Thuis en de kantonrechter; zijn wens (geen politie) telt niet als haar wens.",
     dict(age=79, last_incident_at=hours_ago(30 * 24), acts=["aanranding"], fluid_exposure=False, caller_role="naaste",
          representative=True, representative_close_to_perpetrator=True, victim_view=None, police_wish="nee",
          perpetrator_relation="partner", setting="thuis"),
     dict(referrals=["advies_veilig_thuis", "kantonrechter_vertegenwoordiging"], absent=["wens_vertegenwoordiger"],
          urgency=dict(advies_veilig_thuis="binnen_24_uur"), needs=dict(veiligheid="urgent")))

# 12. Een aangehouden wens wordt uitgelegd
scen(N3, "p12-herstelbemiddeling-pleger-bereikt-kind",
     "Punt 12: jongen van 15 wil herstelbemiddeling met zijn oom, die hem nog kan bereiken: niet nu, maar het voorstel zegt het hem en het MDT ('dat kan later, als je veilig bent').",
     dict(age=15, last_incident_at=hours_ago(90 * 24), acts=["aanranding"], fluid_exposure=False,
          perpetrator_relation="familielid", perpetrator_has_access=True, wants_herstelbemiddeling="ja", setting="thuis"),
     dict(referrals=["herstelbemiddeling_na_veiligheid"], absent=["herstelbemiddeling"], needs=dict(herstel="informatie")))

# 13. Ruis en te veel beloven
scen(N3, "p13-beelden-niet-door-onbekende-setting",
     "Punt 13: verkrachting 10 dagen geleden, de plaats is nog onbekend: geen 'beelden verwijderen' alleen omdat `setting` onbekend is.",
     dict(age=30, last_incident_at=hours_ago(240)), dict(absent=["beelden_verwijderen_advies"]), drop=("setting",))
scen(N3, "p13-vertegenwoordiger-onbekend-slachtoffer-belt-zelf",
     "Punt 13: het slachtoffer belt zelf, of er een vertegenwoordiger is, is onbekend: geen 'vertegenwoordiger spreekt' in het voorstel.",
     dict(age=30, last_incident_at=hours_ago(240)), dict(absent=["wens_vertegenwoordiger"]), drop=("representative",))
scen(N3, "p13-sextortion-geen-mensenhandeltekst",
     "Punt 13: jongen van 16 wordt afgeperst met naaktbeelden (sextortion), zonder lichamelijk contact; de intaker vinkte uitbuiting aan: beelden laten verwijderen, niet de mensenhandelroute.",
     dict(age=16, last_incident_at=hours_ago(48), acts=["online_beeldmateriaal"], fluid_exposure=False, exploitation_signals=True,
          perpetrator_relation="onbekende", setting="online"),
     dict(referrals=["beelden_verwijderen_advies"], absent=["zorgcoordinator_mensenhandel", "comensha"]))
scen(N3, "p13-online-niet-acuut-geen-medische-controle",
     "Punt 13: vrouw van 25, beelden verspreid 20 dagen geleden, geen lichamelijk contact: psychische hulp van het CSG, geen niet-acute CSG-zorg met medische controle.",
     dict(age=25, last_incident_at=hours_ago(20 * 24), acts=["online_beeldmateriaal"], fluid_exposure=False, setting="online"),
     dict(referrals=["csg_psychische_hulp"], absent=["csg_niet_acute_zorg", "schadefonds"]))
scen(N3, "p13-schadefonds-alleen-bij-ernstig-letsel",
     "Punt 13: vrouw van 30, aangerand 20 dagen geleden, geen letsel en matige stress: geen Schadefonds; met hoge stress wel (zie vignet-2).",
     dict(age=30, last_incident_at=hours_ago(20 * 24), acts=["aanranding"], fluid_exposure=False, stress_level="matig", injuries="geen"),
     dict(absent=["schadefonds"]))
scen(N3, "p13-huisarts-eerste-contact-noodanticonceptie",
     "Punt 13: vrouw van 20 bij haar huisarts, verkracht 30 uur geleden, zwangerschap mogelijk: de huisarts geeft de noodanticonceptie nu zelf, zonder nieuwe gegevens te delen.",
     dict(age=20, last_incident_at=hours_ago(30), pregnancy_possible=True, channel="huisarts", perpetrator_relation="onbekende"),
     dict(referrals=["noodanticonceptie_huisarts"], absent=["noodanticonceptie"], urgency=dict(noodanticonceptie_huisarts="direct")))

# 15. De regiehouder binnen de toestemming, of gemarkeerd
scen(N3, "p15-regiehouder-buiten-toestemming",
     "Punt 15: vrouw van 28, verkracht 30 uur geleden, toestemming alleen voor de huisarts: de casemanager van het CSG als regiehouder staat gemarkeerd 'bespreek eerst toestemming'.",
     dict(age=28, last_incident_at=hours_ago(30), perpetrator_relation="onbekende", consent_mdt="deels", consent_scope=["huisarts"]),
     dict(regiehouder="csg_casemanager", regiehouder_consent_first=True))
scen(N3, "p15-regiehouder-binnen-toestemming",
     "Punt 15: dezelfde vrouw met toestemming voor het CSG: de regiehouder is niet gemarkeerd.",
     dict(age=28, last_incident_at=hours_ago(30), perpetrator_relation="onbekende", consent_mdt="deels", consent_scope=["csg", "huisarts"]),
     dict(regiehouder="csg_casemanager", regiehouder_consent_first=False))


if __name__ == "__main__":
    import os
    here = os.path.dirname(os.path.abspath(__file__))
    write(sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "..", "scenarios"))
