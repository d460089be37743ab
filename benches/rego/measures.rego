# The national measures (`policies/national/measures.policy`, read as `docs/legal-reading.md`
# explains) in Rego: the decision of benches/handwritten/decide.rs, rule for rule, the subject of
# the batch benchmark's third engine (regorus, benches/rego/src/main.rs).
#
# `input` is one case: the keys of `docs/case-format.md` by their English names, national facts
# only. `decision` is the object the hand-written decision writes, with the same keys, values and
# orders. benches/rego/agree.sh checks that the two agree.
package zeren.national

import rego.v1

organ := "有管理权限的党政机关"

# Article 19: the day the measures took effect. Days written YYYY-MM-DD compare as text.
in_force_from := "2016-10-08"

# The rungs of Articles 12 to 15, lowest first: `undetermined` (12 ¶1 leaves the choice to the
# organ) is below every rung 13 to 15 fix. A rung is handled by its place in this list; -1 is none.
rungs := ["undetermined", "notification", "admonishment", "organizational"]

undetermined := 0

notification := 1

admonishment := 2

organizational := 3

rung_name(rank) := rungs[rank] if {
	rank >= 0
} else := null

# Article 2 (and 17 ¶2: without the CMC's provisions a military unit is not covered): the scope,
# and the provision that gives it.
scopes := {
	"party_organ": ["applies", "2.1"],
	"congress_organ": ["applies", "2.1"],
	"administrative_organ": ["applies", "2.1"],
	"cppcc_organ": ["applies", "2.1"],
	"court": ["applies", "2.1"],
	"procuratorate": ["applies", "2.1"],
	"dispatched_agency": ["applies", "2.2"],
	"affiliated_institution": ["applies", "2.2"],
	"people_organization": ["applies", "2.2"],
	"state_owned_enterprise": ["applies_by_reference", "2.3"],
	"military": ["not_covered", "17.2"],
	"other": ["not_covered", "2.1"],
}

scope := scopes[input.unit.kind][0]

scope_article := scopes[input.unit.kind][1]

in_force := input.conduct_date >= in_force_from

default decides := false

decides if {
	in_force
	scope != "not_covered"
}

# The decision of the case.
decision := {
	"case": object.get(input, "case", null),
	"accountable": null,
	"rung": null,
	"authority": {"organ": organ, "article": null},
	"people": [{
		"name": object.get(p, "name", null),
		"responsibility": null,
		"rung": null,
		"measures": null,
		"referrals": null,
	} |
		some p in input.people
	],
	"escalations": [],
	"rectification_ordered": null,
	"unit_consequences": [],
	"duty_breaches": [],
	"circumstances": [],
	"scope": scope,
	"in_force": in_force,
	"articles": undecided_articles,
} if not decides

decision := {
	"case": object.get(input, "case", null),
	"accountable": accountable,
	"rung": rung_name(rung),
	"authority": {"organ": organ, "article": authority_article},
	"people": [{
		"name": a.name,
		"responsibility": a.responsibility,
		"rung": rung_name(a.rung),
		"measures": a.measures,
		"referrals": a.referrals,
	} |
		some a in assessed
	],
	"escalations": [{
		"history": e.history,
		"article": e.article,
		"people": [shown(p, j) | some j, p in input.people; j in e.reaches],
	} |
		some e in escalations
	],
	"rectification_ordered": rectification_ordered,
	"unit_consequences": ["honors_ineligible" | honors_ineligible],
	"duty_breaches": duty_breaches,
	"circumstances": circumstances,
	"scope": scope,
	"in_force": in_force,
	"articles": articles,
} if decides

# Nothing is decided. Article 19 is cited for the date, unless the scope already leaves the case
# undecided (the higher reason) and the conduct is before the measures.
undecided_articles := [scope_article, "19"] if {
	in_force
} else := [scope_article, "19"] if {
	scope != "not_covered"
} else := [scope_article]

# Article 11 ¶1: the items whose elements all hold (an element left out does not).
conduct := object.get(input, "conduct", {})

# Item 1: a wrong decision or dereliction that harmed the people's interests and caused a petition
# problem, with serious consequences.
circumstance contains "11.1.1" if {
	some alternative in ["decision_error", "dereliction"]
	conduct[alternative]
	conduct.harmed_people_interests
	conduct.caused_petition_problem
	conduct.serious_consequences
}

# Item 2: petitions not processed, or handling opinions ignored, seriously harming petitioners.
circumstance contains "11.1.2" if {
	some alternative in ["failed_to_process", "ignored_handling_opinion"]
	conduct[alternative]
	conduct.seriously_harmed_petitioner_rights
}

# Item 3: perfunctory, buck-passing or rude to petitioners, harming the Party's relations with the
# people, with serious consequences.
circumstance contains "11.1.3" if {
	some alternative in ["perfunctory_or_buck_passing", "rude_to_petitioners"]
	conduct[alternative]
	conduct.harmed_party_people_relations
	conduct.serious_consequences
}

# Item 4: a collective visit or a negative opinion mishandled, the situation escalated, an adverse
# impact.
circumstance contains "11.1.4" if {
	some alternative in ["mishandled_collective_visit", "mishandled_negative_opinion"]
	conduct[alternative]
	conduct.situation_escalated
	conduct.adverse_impact
}

# Item 5: the petition department's suggestions neglected, the problem long unresolved.
circumstance contains "11.1.5" if {
	conduct.neglected_petition_dept_suggestions
	conduct.problem_long_unresolved
}

# Item 6: other dereliction.
circumstance contains "11.1.6" if conduct.other_dereliction

circumstances := [id | some id in ["11.1.1", "11.1.2", "11.1.3", "11.1.4", "11.1.5", "11.1.6"]; id in circumstance]

# Chapters 2 and 3: the duties of a year from 2016 on that were not performed.
duties_recorded if input.duties.year >= 2016

# Article 4 ¶1: the petition work on the agenda, reports on it heard.
duty_breach contains "4.1" if {
	duties_recorded
	not input.duties.on_agenda
}

duty_breach contains "4.1" if {
	duties_recorded
	not input.duties.heard_reports
}

# Article 4 ¶3: the leaders read letters and receive visitors.
duty_breach contains "4.3" if {
	duties_recorded
	not input.duties.leaders_read_letters
}

duty_breach contains "4.3" if {
	duties_recorded
	not input.duties.leaders_received_visitors
}

# Article 9: special supervision, its results circulated.
duty_breach contains "9" if {
	duties_recorded
	input.duties.special_supervisions < 1
}

duty_breach contains "9" if {
	duties_recorded
	not input.duties.supervision_results_circulated
}

# Article 10 ¶1: an assessment mechanism.
duty_breach contains "10.1" if {
	duties_recorded
	not input.duties.assessment_mechanism
}

duty_breaches := [id | some id in ["4.1", "4.3", "9", "10.1"]; id in duty_breach]

# Articles 14 and 15: each earlier measure not rectified in time and not already followed up
# escalates one step (a notification to an admonishment, 14; an admonishment to organizational
# handling, 15), for the people it reaches, by their places in the case.
history := object.get(input, "history", [])

escalations := [{
	"history": i,
	"article": {"notification": "14", "admonishment": "15"}[step.measure],
	"rung": {"notification": admonishment, "admonishment": organizational}[step.measure],
	"reaches": reached(step),
} |
	some i, step in history
	not step.rectified_in_time
	not step.escalated
]

# An entry that names no one names everyone.
reached(step) := {j | some j, _ in input.people} if {
	object.get(step, "people", null) == null
} else := {j | some j, p in input.people; p.name in step.people}

escalated_by contains e.article if some e in escalations

# A person as an escalation shows them: by name, an unnamed person by their place (`#2`).
shown(p, j) := p.name if {
	is_string(p.name)
} else := sprintf("#%d", [j + 1])

default accountable := false

accountable if count(circumstances) > 0

accountable if count(escalations) > 0

# Article 11 ¶2, where a circumstance holds: a person's responsibility, by the kind of
# responsibility (the person's own, else the case's) and their role.
kind(p) := p.responsibility_type if {
	p.responsibility_type != null
} else := input.responsibility

leaders := {"principal_leader", "leader_in_charge"}

default individual_staff := false

individual_staff if {
	some p in input.people
	p.role == "staff_in_charge"
	kind(p) == "individual"
}

responsibility(p) := by_role(p, kind(p)) if {
	count(circumstances) > 0
} else := "none"

by_role(p, "collective") := "principal_leadership" if {
	p.role in leaders
	not p.opposed
} else := "leadership" if {
	# One who objected escapes the collective part, not the individual part of the matter.
	p.role in leaders
	individual_staff
} else := "important_leadership" if {
	p.role == "other_member"
	p.took_part
	not p.opposed
} else := "none"

by_role(p, "individual") := "direct" if {
	p.role == "staff_in_charge"
} else := "leadership" if {
	p.role in leaders
} else := "none"

# Articles 12 to 15: the rung the harm and the impact call for.
harm := {"minor": 0, "serious": 1, "particularly_serious": 2}[input.harm]

impact := {"minor": 0, "major": 1, "particularly_major": 2}[input.impact]

default minor := false

minor if {
	harm == 0
	impact == 0
}

default serious := false

serious if {
	harm >= 1
	impact >= 1
}

severity := organizational if {
	harm == 2
	impact == 2
} else := admonishment if {
	serious
} else := notification if {
	minor
} else := undetermined

# Articles 12 to 16, person by person: the person's rung is the highest of the escalations that
# reach them and, if they bear a responsibility, of the severity.
assessed := [assessment(j, p) | some j, p in input.people]

assessment(j, p) := {
	"name": object.get(p, "name", null),
	"responsibility": r,
	"responsible": responsible,
	"escalated": escalated,
	"rung": rung,
	# Article 16: a disciplinary sanction, where warranted, for one a measure reaches.
	"measures": array.concat(
		[rungs[rung] | rung >= 0],
		["disciplinary_sanction" | rung >= 0; p.sanction_warranted],
	),
	# Article 12 ¶2: a suspected crime goes to the law.
	"referrals": ["law" | p.crime_suspected],
} if {
	r := responsibility(p)
	responsible := r != "none"
	escalated := [e.rung | some e in escalations; j in e.reaches]
	rung := max(array.concat(array.concat([-1], escalated), [severity | responsible]))
}

# The case's rung: the highest of its people's.
rung := max(array.concat([-1], [a.rung | some a in assessed]))

given contains a.rung if some a in assessed

# Article 12 ¶1, a heavier measure left open: one responsible and escalated against, in a case
# neither minor nor serious, below the organizational rung.
heavier_open if {
	some a in assessed
	a.responsible
	count(a.escalated) > 0
	not minor
	not serious
	a.rung < organizational
}

# Article 14 ¶2: a unit with a serious case, or escalated under 14, may not be honored that year.
honors_ineligible if {
	serious
	some a in assessed
	a.responsible
}

honors_ineligible if "14" in escalated_by

# Articles 13 and 14: notification and admonishment order rectification.
default rectification_ordered := false

rectification_ordered if notification in given

rectification_ordered if admonishment in given

# Articles 13 to 15: the article the case's rung is imposed under; none for undetermined.
default authority_article := null

authority_article := "13" if rung == notification

authority_article := "14" if rung == admonishment

authority_article := "15" if rung == organizational

# The articles cited: the scope, the duties breached, the circumstances, then the rest in order.
cited contains "11.2" if accountable

cited contains "12.1" if undetermined in given

cited contains "12.1" if heavier_open

cited contains "12.2" if {
	some p in input.people
	p.crime_suspected
}

cited contains "13" if notification in given

cited contains "14" if honors_ineligible

cited contains "14" if admonishment in given

cited contains "15" if "15" in escalated_by

cited contains "15" if organizational in given

cited contains "16" if {
	some a in assessed
	"disciplinary_sanction" in a.measures
}

cited contains "19"

articles := array.concat(
	array.concat([scope_article], duty_breaches),
	array.concat(
		[x | count(circumstances) > 0; some x in array.concat(["11.1"], circumstances)],
		[id | some id in ["11.2", "12.1", "12.2", "13", "14", "15", "16", "19"]; id in cited],
	),
)
