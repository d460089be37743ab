//! How the national measures decide a case (`policies/national/measures.policy`, read as
//! `docs/legal-reading.md` explains), written out by hand.

use crate::case::{Case, Conduct, Duties, EarlierMeasure, Harm, Impact, Kind, Person, Role, UnitKind};
use crate::decision::{Authority, Decision, Escalation, PersonDecision, Responsibility, Rung, Scope};
use std::borrow::Cow;

const ORGAN: &str = "有管理权限的党政机关";
/// The day the measures took effect (Article 19).
const IN_FORCE: u32 = 2016 * 10_000 + 10 * 100 + 8;

pub fn decide<'c>(c: &'c Case<'c>) -> Decision<'c> {
    use UnitKind::*;
    // Article 2 (and 17 ¶2: without the CMC's provisions a military unit is not covered).
    let (scope, scope_article) = match c.unit.kind {
        PartyOrgan | CongressOrgan | AdministrativeOrgan | CppccOrgan | Court | Procuratorate => {
            (Scope::Applies, "2.1")
        }
        DispatchedAgency | AffiliatedInstitution | PeopleOrganization => (Scope::Applies, "2.2"),
        StateOwnedEnterprise => (Scope::AppliesByReference, "2.3"),
        Military => (Scope::NotCovered, "17.2"),
        Other => (Scope::NotCovered, "2.1"),
    };
    let in_force = c.conduct_date.0 >= IN_FORCE;
    let case = c.case.as_ref().map(|t| &*t.0);
    if !in_force || scope == Scope::NotCovered {
        // Nothing is decided. Article 19 is cited for the date, unless the scope already
        // leaves the case undecided (the higher reason) and the conduct is before the measures.
        let mut articles = vec![scope_article];
        if in_force || scope != Scope::NotCovered {
            articles.push("19");
        }
        return Decision {
            case,
            accountable: None,
            rung: None,
            authority: Authority { organ: ORGAN, article: None },
            people: c
                .people
                .iter()
                .map(|p| PersonDecision {
                    name: p.name.as_ref().map(|t| &*t.0),
                    responsibility: None,
                    rung: None,
                    measures: None,
                    referrals: None,
                })
                .collect(),
            escalations: vec![],
            rectification_ordered: None,
            unit_consequences: vec![],
            duty_breaches: vec![],
            circumstances: vec![],
            scope,
            in_force,
            articles,
        };
    }

    let circumstances = circumstances(&c.conduct);
    let escalations = escalations(c);
    let accountable = !circumstances.is_empty() || !escalations.is_empty();
    // The escalations that reach the i-th person, as the rung each gives.
    let named = |i: usize| escalations.iter().filter(move |e| e.reaches(c, i));

    // Article 11 ¶2, where a circumstance holds.
    let kind = |p: &Person| p.responsibility_type.unwrap_or(c.responsibility);
    let individual_staff =
        c.people.iter().any(|p| p.role == Role::StaffInCharge && kind(p) == Kind::Individual);
    let responsibility = |p: &Person| {
        use Role::*;
        if circumstances.is_empty() {
            return Responsibility::None;
        }
        match (kind(p), p.role) {
            (Kind::Collective, PrincipalLeader | LeaderInCharge) if !p.opposed => {
                Responsibility::PrincipalLeadership
            }
            // One who objected escapes the collective part, not the individual part of the matter.
            (Kind::Collective, PrincipalLeader | LeaderInCharge) if individual_staff => {
                Responsibility::Leadership
            }
            (Kind::Collective, OtherMember) if p.took_part && !p.opposed => {
                Responsibility::ImportantLeadership
            }
            (Kind::Individual, StaffInCharge) => Responsibility::Direct,
            (Kind::Individual, PrincipalLeader | LeaderInCharge) => Responsibility::Leadership,
            _ => Responsibility::None,
        }
    };

    // Articles 12 to 16, person by person.
    let (harm, impact) = (c.harm, c.impact);
    let minor = harm == Harm::Minor && impact == Impact::Minor;
    let serious = harm >= Harm::Serious && impact >= Impact::Major;
    let grave = harm == Harm::ParticularlySerious && impact == Impact::ParticularlyMajor;
    let severity = if grave {
        Rung::Organizational
    } else if serious {
        Rung::Admonishment
    } else if minor {
        Rung::Notification
    } else {
        Rung::Undetermined
    };
    let mut any_responsible = false;
    let mut heavier_open = false;
    let mut sanction = false;
    let mut people = Vec::with_capacity(c.people.len());
    for (i, p) in c.people.iter().enumerate() {
        let r = if accountable { responsibility(p) } else { Responsibility::None };
        let responsible = r != Responsibility::None;
        any_responsible |= responsible;
        let escalated = named(i).map(|e| e.rung).max();
        let rung = escalated.max(responsible.then_some(severity));
        if responsible && escalated.is_some() && !minor && !serious && rung < Some(Rung::Organizational) {
            heavier_open = true;
        }
        let mut measures = Vec::with_capacity(2);
        measures.extend(rung.map(Rung::name));
        if p.sanction_warranted && (responsible || escalated.is_some()) {
            measures.push("disciplinary_sanction");
            sanction = true;
        }
        people.push(PersonDecision {
            name: p.name.as_ref().map(|t| &*t.0),
            responsibility: Some(r),
            rung,
            measures: Some(measures),
            referrals: Some(if p.crime_suspected { vec!["law"] } else { vec![] }),
        });
    }
    let rung = people.iter().filter_map(|p| p.rung).max();
    let has = |r: Rung| people.iter().any(|p| p.rung == Some(r));
    let by = |article: &str| escalations.iter().any(|e| e.article == article);
    let honors = (serious && any_responsible) || by("14");

    let duty_breaches = c.duties.as_ref().map_or(vec![], duty_breaches);
    let mut articles = vec![scope_article];
    articles.extend_from_slice(&duty_breaches);
    if !circumstances.is_empty() {
        articles.push("11.1");
        articles.extend_from_slice(&circumstances);
    }
    let cited = [
        ("11.2", accountable),
        ("12.1", has(Rung::Undetermined) || heavier_open),
        ("12.2", c.people.iter().any(|p| p.crime_suspected)),
        ("13", has(Rung::Notification)),
        ("14", by("14") || (serious && any_responsible) || has(Rung::Admonishment)),
        ("15", by("15") || has(Rung::Organizational)),
        ("16", sanction),
        ("19", true),
    ];
    articles.extend(cited.iter().filter(|x| x.1).map(|x| x.0));

    Decision {
        case,
        accountable: Some(accountable),
        rung,
        authority: Authority {
            organ: ORGAN,
            article: match rung {
                Some(Rung::Notification) => Some("13"),
                Some(Rung::Admonishment) => Some("14"),
                Some(Rung::Organizational) => Some("15"),
                _ => None,
            },
        },
        rectification_ordered: Some(has(Rung::Notification) || has(Rung::Admonishment)),
        people,
        escalations: escalations.into_iter().map(|e| e.show(c)).collect(),
        unit_consequences: if honors { vec!["honors_ineligible"] } else { vec![] },
        duty_breaches,
        circumstances,
        scope,
        in_force,
        articles,
    }
}

/// Article 11 ¶1: the items whose elements all hold.
fn circumstances(k: &Conduct) -> Vec<&'static str> {
    let items = [
        (k.decision_error || k.dereliction)
            && k.harmed_people_interests
            && k.caused_petition_problem
            && k.serious_consequences,
        (k.failed_to_process || k.ignored_handling_opinion) && k.seriously_harmed_petitioner_rights,
        (k.perfunctory_or_buck_passing || k.rude_to_petitioners)
            && k.harmed_party_people_relations
            && k.serious_consequences,
        (k.mishandled_collective_visit || k.mishandled_negative_opinion)
            && k.situation_escalated
            && k.adverse_impact,
        k.neglected_petition_dept_suggestions && k.problem_long_unresolved,
        k.other_dereliction,
    ];
    const IDS: [&str; 6] = ["11.1.1", "11.1.2", "11.1.3", "11.1.4", "11.1.5", "11.1.6"];
    IDS.iter().zip(items).filter(|x| x.1).map(|x| *x.0).collect()
}

/// Chapters 2 and 3: the duties of a year from 2016 on that were not performed.
fn duty_breaches(d: &Duties) -> Vec<&'static str> {
    if d.year < 2016 {
        return vec![];
    }
    let breaches = [
        ("4.1", !(d.on_agenda && d.heard_reports)),
        ("4.3", !(d.leaders_read_letters && d.leaders_received_visitors)),
        ("9", d.special_supervisions < 1 || !d.supervision_results_circulated),
        ("10.1", !d.assessment_mechanism),
    ];
    breaches.iter().filter(|x| x.1).map(|x| x.0).collect()
}

/// An escalating history entry, while deciding.
struct Escalating {
    index: usize,
    article: &'static str,
    rung: Rung,
}

/// Articles 14 and 15: each entry not rectified in time and not already followed up escalates one
/// step, for the people it names.
fn escalations(c: &Case) -> Vec<Escalating> {
    c.history
        .iter()
        .enumerate()
        .filter(|(_, s)| !s.rectified_in_time && !s.escalated)
        .map(|(index, s)| match s.measure {
            EarlierMeasure::Notification => Escalating { index, article: "14", rung: Rung::Admonishment },
            EarlierMeasure::Admonishment => Escalating { index, article: "15", rung: Rung::Organizational },
        })
        .collect()
}

impl Escalating {
    /// Whether the entry names the i-th person (an entry that names no one names everyone).
    fn reaches(&self, c: &Case, i: usize) -> bool {
        match &c.history[self.index].people {
            None => true,
            Some(names) => c.people[i].name.as_ref().is_some_and(|n| names.iter().any(|m| m.0 == n.0)),
        }
    }

    /// The entry as the decision shows it: the people it names in the case's order, an unnamed
    /// person by their place (`#2`).
    fn show<'c>(&self, c: &'c Case<'c>) -> Escalation<'c> {
        let people = (0..c.people.len())
            .filter(|&i| self.reaches(c, i))
            .map(|i| match &c.people[i].name {
                Some(n) => Cow::Borrowed(&*n.0),
                None => Cow::Owned(format!("#{}", i + 1)),
            })
            .collect();
        Escalation { history: self.index, article: self.article, people }
    }
}
