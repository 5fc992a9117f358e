//! The workflow model test (docs/testing.md, suite 3): random sequences of
//! steps by random actors, run against the real server and checked against
//! a reference model of the lifecycle written here from docs/domain.md §3, apart
//! from `domain::workflow`.
//!
//! After every step:
//! - a step succeeds exactly when the model says it is legal;
//! - the application is in the state the model expects;
//! - each successful transition wrote exactly one history row, and
//!   anything else none;
//! - replaying the history gives the current state (each row starts where
//!   the one before ended, and the last ends in the current state).
//!
//! 短信核验 runs: the ministry's pass moves a filing to 待短信核验, and the
//! steps there are the 负责人's phone confirming with the right code or a
//! wrong one, staff's one re-send and the deadline passing; the model keeps
//! the person's wrong tries and whether the re-send was used.
//!
//! A 留言 succeeds exactly when the model says its writer may leave one.
//! After each case the filing has its own two site numbers if approved and
//! none otherwise, and after the run
//! no site number exists twice and nothing live sits under a cancelled
//! parent.
//!
//! `BEIAN_MODEL_CASES` sets the cases: 500 in the test command, 10,000 in
//! the long run. A failing case is shrunk and its seed kept in
//! `tests/http/model.proptest-regressions`, replayed first by every run.

use std::collections::HashSet;
use std::time::Duration;

use proptest::prelude::*;
use proptest::test_runner::{Config, FileFailurePersistence, TestCaseError, TestRunner};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde_json::json;

use beian::server::entity::{application, history, site, sms_check, sms_outbox};

use crate::fixtures::accounts::{reviewer, signed_in};
use crate::fixtures::filing::draft_with_scans;
use crate::harness::{Client, TestApp};

/// The 短信核验 window; the deadline step moves the clock past it.
const SMS_WINDOW: Duration = Duration::from_secs(24 * 3600);

/// The lifecycle of a self-filed filing without pre-approval items.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stage {
    Draft,
    PendingIspVerify,
    ReturnedToSponsor,
    NotSubmittedToMinistry,
    PendingSmsVerification,
    PendingBureauReview,
    ReturnedToIsp,
    Approved,
    Revoked,
}

impl Stage {
    fn code(self) -> &'static str {
        match self {
            Stage::Draft => "DRAFT",
            Stage::PendingIspVerify => "PENDING_ISP_VERIFY",
            Stage::ReturnedToSponsor => "RETURNED_TO_SPONSOR",
            Stage::NotSubmittedToMinistry => "NOT_SUBMITTED_TO_MINISTRY",
            Stage::PendingSmsVerification => "PENDING_SMS_VERIFICATION",
            Stage::PendingBureauReview => "PENDING_BUREAU_REVIEW",
            Stage::ReturnedToIsp => "RETURNED_TO_ISP",
            Stage::Approved => "APPROVED",
            Stage::Revoked => "REVOKED",
        }
    }
}

/// Who acts: the filing's filer, its provider's staff, its province's 管局,
/// or someone with no business with it (another filer, another provider's
/// staff, another province's 管局).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Who {
    Filer,
    Staff,
    Bureau,
    OtherFiler,
    OtherStaff,
    OtherBureau,
}

/// One step a user can try.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    /// 保存 the payload.
    Save(Who),
    /// 提交.
    Submit(Who),
    /// A decision on the review page (Verify records the 核验 first).
    Decide(Who, &'static str),
    /// The simulated ministry takes up what was submitted to it.
    Ministry,
    /// A 留言 (never a transition).
    Message(Who),
    /// The 负责人's phone on `/sms`: the code texted last (`true`) or a
    /// wrong one.
    Phone(bool),
    /// The one re-send of the 负责人's code.
    Resend(Who),
    /// The 短信核验 deadline passes.
    Deadline,
    /// One of the steps the model allows now, picked by the number: keeps
    /// random walks going deep into the lifecycle.
    Legal(u8),
}

/// The steps the model allows from `stage` (a step from a terminal stage
/// that changes nothing when there are none).
fn legal_steps(stage: Stage) -> Vec<Step> {
    use Stage::*;
    match stage {
        Draft | ReturnedToSponsor => vec![Step::Save(Who::Filer), Step::Submit(Who::Filer)],
        PendingIspVerify => vec![
            Step::Decide(Who::Staff, "Verify"),
            Step::Decide(Who::Staff, "ReturnToSponsor"),
        ],
        NotSubmittedToMinistry => vec![Step::Ministry, Step::Decide(Who::Staff, "Revoke")],
        PendingSmsVerification => vec![
            Step::Phone(true),
            Step::Phone(false),
            Step::Resend(Who::Staff),
            Step::Deadline,
        ],
        PendingBureauReview => vec![
            Step::Decide(Who::Bureau, "Approve"),
            Step::Decide(Who::Bureau, "ReturnToIsp"),
        ],
        ReturnedToIsp => vec![
            Step::Save(Who::Staff),
            Step::Submit(Who::Staff),
            Step::Decide(Who::Staff, "ReturnToSponsor"),
        ],
        Approved | Revoked => vec![Step::Ministry],
    }
}

/// Whether `who` may leave a 留言 on the filing: once it has been
/// submitted, its filer and its provider's staff, and the 管局 of its
/// province once it has reached the 管局; nobody else ever.
fn may_message(who: Who, stage: Stage, reached_bureau: bool) -> bool {
    stage != Stage::Draft
        && match who {
            Who::Filer | Who::Staff => true,
            Who::Bureau => reached_bureau,
            Who::OtherFiler | Who::OtherStaff | Who::OtherBureau => false,
        }
}

/// What the model says a step does from `stage`: the next stage, or
/// `None` when the step must be refused. Messages never move anything.
fn model(stage: Stage, step: Step) -> Option<Stage> {
    use Stage::*;
    match (step, stage) {
        (Step::Save(Who::Filer), Draft | ReturnedToSponsor) => Some(stage),
        (Step::Save(Who::Staff), ReturnedToIsp) => Some(stage),
        (Step::Submit(Who::Filer), Draft | ReturnedToSponsor) => Some(PendingIspVerify),
        (Step::Submit(Who::Staff), ReturnedToIsp) => Some(NotSubmittedToMinistry),
        (Step::Decide(Who::Staff, "Verify"), PendingIspVerify) => Some(NotSubmittedToMinistry),
        // T5, and T6: a 管局 return that needs the filer's input.
        (Step::Decide(Who::Staff, "ReturnToSponsor"), PendingIspVerify | ReturnedToIsp) => {
            Some(ReturnedToSponsor)
        }
        (Step::Decide(Who::Staff, "Revoke"), NotSubmittedToMinistry) => Some(Revoked),
        (Step::Decide(Who::Bureau, "Approve"), PendingBureauReview) => Some(Approved),
        (Step::Decide(Who::Bureau, "ReturnToIsp"), PendingBureauReview) => Some(ReturnedToIsp),
        (Step::Ministry, NotSubmittedToMinistry) => Some(PendingSmsVerification),
        (Step::Ministry, _) => Some(stage),
        _ => None,
    }
}

/// The one 负责人's 短信核验 in the current round.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
struct Sms {
    tries: i32,
    failed: bool,
    resent: bool,
}

/// What an SMS step does in `stage`: whether it succeeds, the next stage,
/// and the check afterwards. A wrong code never succeeds, but the fifth one
/// after the re-send still sends the filing back.
fn sms_model(stage: Stage, sms: Sms, step: Step) -> (bool, Stage, Sms) {
    use Stage::*;
    let waiting = stage == PendingSmsVerification && !sms.failed;
    match step {
        Step::Phone(true) if waiting => (true, PendingBureauReview, sms),
        Step::Phone(false) if waiting => {
            let tries = sms.tries + 1;
            let failed = tries >= 5;
            let next = if failed && sms.resent {
                ReturnedToIsp
            } else {
                stage
            };
            (
                false,
                next,
                Sms {
                    tries,
                    failed,
                    ..sms
                },
            )
        }
        Step::Resend(Who::Staff) if stage == PendingSmsVerification && !sms.resent => (
            true,
            stage,
            Sms {
                tries: 0,
                failed: false,
                resent: true,
            },
        ),
        Step::Deadline if stage == PendingSmsVerification => (true, ReturnedToIsp, sms),
        Step::Deadline => (true, stage, sms),
        _ => (false, stage, sms),
    }
}

fn who() -> impl Strategy<Value = Who> {
    prop_oneof![
        4 => Just(Who::Filer),
        4 => Just(Who::Staff),
        4 => Just(Who::Bureau),
        1 => Just(Who::OtherFiler),
        1 => Just(Who::OtherStaff),
        1 => Just(Who::OtherBureau),
    ]
}

fn step() -> impl Strategy<Value = Step> {
    let decision = prop_oneof![
        Just("Verify"),
        Just("ReturnToSponsor"),
        Just("Revoke"),
        Just("Approve"),
        Just("ReturnToIsp"),
    ];
    prop_oneof![
        12 => any::<u8>().prop_map(Step::Legal),
        2 => who().prop_map(Step::Save),
        3 => who().prop_map(Step::Submit),
        6 => (who(), decision).prop_map(|(w, d)| Step::Decide(w, d)),
        3 => Just(Step::Ministry),
        1 => who().prop_map(Step::Message),
        2 => any::<bool>().prop_map(Step::Phone),
        1 => who().prop_map(Step::Resend),
        1 => Just(Step::Deadline),
    ]
}

fn cases() -> u32 {
    std::env::var("BEIAN_MODEL_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(500)
}

struct People {
    filer: Client,
    staff: Client,
    bureau: Client,
    other_filer: Client,
    other_staff: Client,
    other_bureau: Client,
}

impl People {
    fn of(&self, who: Who) -> &Client {
        match who {
            Who::Filer => &self.filer,
            Who::Staff => &self.staff,
            Who::Bureau => &self.bureau,
            Who::OtherFiler => &self.other_filer,
            Who::OtherStaff => &self.other_staff,
            Who::OtherBureau => &self.other_bureau,
        }
    }
}

async fn row(app: &TestApp, id: i64) -> application::Model {
    application::Entity::find_by_id(id as i32)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap()
}

async fn history_of(app: &TestApp, id: i64) -> Vec<history::Model> {
    history::Entity::find()
        .filter(history::Column::ApplicationId.eq(id as i32))
        .order_by_asc(history::Column::Id)
        .all(&app.state.db)
        .await
        .unwrap()
}

/// Tries `step` on application `id` of filing `n`; whether it succeeded.
async fn attempt(app: &TestApp, people: &People, id: i64, n: usize, step: Step) -> bool {
    let version = row(app, id).await.version;
    let reply = match step {
        Step::Save(who) => {
            let filing = crate::fixtures::filing::load(&people.filer, id).await["filing"].clone();
            crate::fixtures::filing::save(people.of(who), id, version as i64, &filing).await
        }
        Step::Submit(who) => {
            crate::fixtures::filing::submit(people.of(who), id, version as i64).await
        }
        Step::Decide(who, action) => {
            let client = people.of(who);
            let mut version = version as i64;
            if action == "Verify"
                && who == Who::Staff
                && row(app, id).await.state.code() == "PENDING_ISP_VERIFY"
            {
                version = crate::fixtures::numbered::verification(client, id).await;
            }
            let reasons = if action.starts_with("Return") {
                json!([{ "field": "sites[0].name", "text": "网站名称与内容不符" }])
            } else {
                json!([])
            };
            crate::fixtures::filing::decide(client, id, version, action, reasons).await
        }
        Step::Ministry => {
            // Every pass takes a batch; run until nothing is left, older
            // cases' filings included.
            while !beian::server::upstream::process_due(
                &app.state.db,
                &beian::server::registrar::SimulatedRegistrar::load(),
                Duration::ZERO,
                Some(SMS_WINDOW),
                chrono::Utc::now(),
            )
            .await
            .unwrap()
            .is_empty()
            {}
            return true;
        }
        Step::Phone(right) => {
            let filing = row(app, id).await.filing();
            let person = filing.subject.principal;
            let texts = sms_outbox::Entity::find()
                .filter(sms_outbox::Column::Mobile.eq(person.mobile.clone()))
                .order_by_desc(sms_outbox::Column::Id)
                .all(&app.state.db)
                .await
                .unwrap();
            let code = texts
                .first()
                .and_then(|t| t.body.split("核验码为 ").nth(1))
                .map(|rest| rest[..6].to_owned())
                .unwrap_or_else(|| "000000".into());
            let code = if right {
                code
            } else {
                format!("{:06}", (code.parse::<u32>().unwrap() + 1) % 1_000_000)
            };
            let tail = beian::domain::sms::cert_tail(&person.cert_number);
            app.client()
                .call(
                    "sms/confirm",
                    &[
                        ("mobile", person.mobile.as_str()),
                        ("code", code.as_str()),
                        ("cert_tail", tail.as_str()),
                    ],
                )
                .await
        }
        Step::Resend(who) => {
            let check = sms_check::Entity::find()
                .filter(sms_check::Column::ApplicationId.eq(id as i32))
                .one(&app.state.db)
                .await
                .unwrap()
                .map_or(0, |c| c.id);
            people
                .of(who)
                .call_json(
                    "sms/resend",
                    &json!({ "application_id": id, "check_id": check }),
                )
                .await
        }
        Step::Deadline => {
            let later = chrono::Utc::now() + chrono::Duration::from_std(SMS_WINDOW).unwrap();
            beian::server::sms::expire_due(&app.state.db, later)
                .await
                .unwrap();
            return true;
        }
        Step::Legal(_) => unreachable!("resolved by the caller"),
        Step::Message(who) => {
            people
                .of(who)
                .call(
                    "messages/post",
                    &[
                        ("application_id", &id.to_string()),
                        ("body", "请问进度如何？"),
                    ],
                )
                .await
        }
    };
    assert!(
        reply.status == 200 || matches!(reply.status, 403 | 404 | 409 | 422),
        "filing {n}, {step:?}: an answer that is neither success nor refusal: {} {}",
        reply.status,
        reply.body
    );
    reply.status == 200
}

/// Runs one case: a fresh filing of the filer's, then `steps`.
async fn run(
    app: &TestApp,
    people: &People,
    n: usize,
    steps: &[Step],
) -> Result<(), TestCaseError> {
    let (id, docs) = draft_with_scans(&people.filer, None).await;
    let filing = crate::fixtures::numbered::filing_of(&docs, n, "510000");
    let saved = crate::fixtures::filing::saved_version(&people.filer, id, 1, &filing).await;
    prop_assert!(saved > 1);
    let mut stage = Stage::Draft;
    let mut sms = Sms::default();
    let mut reached_bureau = false;
    for (i, step) in steps.iter().enumerate() {
        let step = &match *step {
            Step::Legal(k) => {
                let legal = legal_steps(stage);
                legal[k as usize % legal.len()]
            }
            other => other,
        };
        let rows_before = history_of(app, id).await.len();
        let (sms_success, sms_next, sms_after) = sms_model(stage, sms, *step);
        let expected = model(stage, *step);
        let succeeded = attempt(app, people, id, n, *step).await;
        let after = row(app, id).await;
        let rows = history_of(app, id).await;
        let context = format!("filing {n}, step {i} {step:?} from {stage:?}");
        match step {
            // The ministry's pass always runs; the state below says what it did.
            Step::Ministry => {}
            Step::Message(who) => prop_assert_eq!(
                succeeded,
                may_message(*who, stage, reached_bureau),
                "{}: 留言",
                context
            ),
            Step::Phone(_) | Step::Resend(_) | Step::Deadline => {
                prop_assert_eq!(succeeded, sms_success, "{}: success", context)
            }
            _ => prop_assert_eq!(succeeded, expected.is_some(), "{}: success", context),
        }
        let next = match step {
            Step::Message(_) => stage,
            Step::Phone(_) | Step::Resend(_) | Step::Deadline => sms_next,
            _ => expected.unwrap_or(stage),
        };
        sms = match step {
            Step::Phone(_) | Step::Resend(_) | Step::Deadline => sms_after,
            // Each round starts afresh.
            _ if next == Stage::PendingSmsVerification && stage != next => Sms::default(),
            _ => sms,
        };
        prop_assert_eq!(after.state.code(), next.code(), "{}: state", context);
        let written = if next != stage { 1 } else { 0 };
        prop_assert_eq!(
            rows.len(),
            rows_before + written,
            "{}: history rows",
            context
        );
        for pair in rows.windows(2) {
            prop_assert_eq!(
                pair[1].state_from.map(|s| s.code()),
                Some(pair[0].state_to.code()),
                "{}: the history is a chain",
                context
            );
        }
        prop_assert_eq!(
            rows.last().map(|r| r.state_to.code()),
            Some(after.state.code()),
            "{}: replaying the history gives the state",
            context
        );
        stage = next;
        reached_bureau |= stage == Stage::PendingBureauReview;
    }
    // This filing's own numbers: one live site per site it filed.
    let numbers = site::Entity::find()
        .filter(site::Column::ApplicationId.eq(id as i32))
        .filter(site::Column::Status.eq("live"))
        .all(&app.state.db)
        .await
        .unwrap()
        .into_iter()
        .filter(|s| s.number.contains('-'))
        .count();
    let expected_numbers = if stage == Stage::Approved { 2 } else { 0 };
    prop_assert_eq!(
        numbers,
        expected_numbers,
        "filing {}: an approval issues its numbers, nothing else does",
        n
    );
    Ok(())
}

#[test]
fn random_steps_by_random_actors_follow_the_reference_model() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    // The ministry moves only when a step says so.
    let app = runtime.block_on(TestApp::start_with(|config| {
        config.upstream_delay = Duration::from_secs(365 * 24 * 3600);
    }));
    let people = runtime.block_on(async {
        let people = People {
            filer: signed_in(&app, "model_filer", "filer").await,
            staff: signed_in(&app, "model_staff", "provider_staff").await,
            bureau: reviewer(&app, "model_bureau", "bureau_reviewer", "510000").await,
            other_filer: signed_in(&app, "model_other", "filer").await,
            other_staff: signed_in(&app, "model_staff_y", "provider_staff").await,
            other_bureau: reviewer(&app, "model_bureau_bj", "bureau_reviewer", "110000").await,
        };
        crate::fixtures::accounts::move_to_another_provider(&app, "model_staff_y").await;
        people
    });
    let mut runner = TestRunner::new(Config {
        cases: cases(),
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct(
            "tests/http/model.proptest-regressions",
        ))),
        ..Config::default()
    });
    // Each case (and each shrinking attempt) files a subject of its own.
    let n = std::cell::Cell::new(0);
    let result = runner.run(&proptest::collection::vec(step(), 1..24), |steps| {
        n.set(n.get() + 1);
        runtime.block_on(run(&app, &people, n.get(), &steps))
    });
    if let Err(error) = result {
        panic!("{error}");
    }
    runtime.block_on(async {
        let numbers = crate::fixtures::numbered::site_numbers(&app).await;
        let unique: HashSet<&String> = numbers.iter().collect();
        assert_eq!(unique.len(), numbers.len(), "no site number twice");
        crate::fixtures::world::nothing_live_under_a_cancelled_parent(&app).await;
    });
    let sites = runtime
        .block_on(site::Entity::find().all(&app.state.db))
        .unwrap()
        .len();
    println!("{} cases run, {sites} numbered sites", n.get());
}
