//! siegel at scale: questionnaires of 1,000, 5,000 and 10,000 questions and databases of 1,000 and
//! 10,000 assessments, from the generator in `tests/common/scale.rs`. Each figure is measured
//! at both sizes, so that its growth can be read off.

#[path = "../tests/common/mod.rs"]
mod common;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use siegel::catalog::Lang;
use siegel::domain::validate;
use siegel::questionnaires::Definitions;
use siegel::store::Store;
use std::path::{Path, PathBuf};

use siegel::tui::app::App;
use siegel::tui::keymap::Keymap;
use siegel::tui::theme::Theme;
use siegel::tui::{Env, Start, begin, perform, view};

/// The interface on a database, with the questionnaire directories it reads when it imports.
fn session(db: &Path, dirs: &[PathBuf]) -> (App, Env) {
    let (keymap, _) = Keymap::load(None);
    let app = App::new(Some(Lang::De), Theme::colour(), keymap, &[]);
    let env = Env::new(
        Store::open(db).unwrap(),
        Definitions::lazy(dirs.to_vec()),
        "Bench".into(),
    );
    (app, env)
}

/// From starting the interface to its first frame at 80×24.
fn first_frame(c: &mut Criterion, name: &str, db: &Path, dirs: &[PathBuf], start: Start) {
    c.bench_function(name, |b| {
        b.iter_batched(
            || session(db, dirs),
            |(mut app, mut env)| {
                begin(&mut app, &mut env, start);
                let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
                terminal.draw(|frame| view::render(&app, frame)).unwrap();
                (app, env)
            },
            BatchSize::PerIteration,
        )
    });
}

fn press(app: &mut App, env: &mut Env, c: char) {
    let event = Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    for effect in app.on_event(&event) {
        perform(app, env, effect);
    }
}

fn questionnaires(c: &mut Criterion) {
    for size in [1_000, 5_000, 10_000] {
        let large = common::scale::large(size);
        let dir = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).unwrap();
        large.write(dir.path());
        let label = format!("{size} questions");
        c.bench_function(&format!("validate definition + answers, {label}"), |b| {
            b.iter(|| {
                let known = vec![
                    validate::validate_definition(large.definition.as_bytes(), &[])
                        .definition
                        .unwrap(),
                ];
                validate::validate_answers(large.answers.as_bytes(), &known)
            })
        });
        let known = large.known();
        let valid = large.valid_answers(&known);
        // Each import into a database of its own: the same answers again would find their
        // snapshot stored already and cost far less.
        let fresh = std::sync::atomic::AtomicUsize::new(0);
        c.bench_function(&format!("import, {label}"), |b| {
            b.iter_batched(
                || {
                    let n = fresh.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let path = dir.path().join(format!("import-{n}.db"));
                    Store::open(&path).unwrap()
                },
                |mut store| {
                    store.import(&valid, common::AUDITOR).unwrap();
                    store
                },
                BatchSize::PerIteration,
            )
        });
        let mut store = Store::open(&dir.path().join("bench.db")).unwrap();
        let id = store.import(&valid, common::AUDITOR).unwrap();
        drop(store);
        let db = dir.path().join("bench.db");
        let dirs = [dir.path().to_path_buf()];
        let name = format!("open to first frame, {label}");
        first_frame(c, &name, &db, &dirs, Start::Open(id));
        let (mut app, mut env) = session(&db, &dirs);
        begin(&mut app, &mut env, Start::Open(id));
        // From the field's header to its first question: r marks it and moves on.
        press(&mut app, &mut env, 'j');
        press(&mut app, &mut env, 'j');
        let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
        c.bench_function(&format!("r (reviewed) and frame, {label}"), |b| {
            b.iter(|| {
                press(&mut app, &mut env, 'r');
                terminal.draw(|frame| view::render(&app, frame)).unwrap();
            })
        });
        press(&mut app, &mut env, 's');
        let mut level = 0;
        c.bench_function(&format!("a rating and frame, {label}"), |b| {
            b.iter(|| {
                // Levels 2 and 3 want no rationale: each rating moves on; k goes back.
                level = 5 - level.max(2);
                press(&mut app, &mut env, char::from(b'0' + level));
                press(&mut app, &mut env, 'k');
                terminal.draw(|frame| view::render(&app, frame)).unwrap();
            })
        });
    }
}

fn assessments(c: &mut Criterion) {
    for count in [1_000, 10_000] {
        let dir = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).unwrap();
        let path = dir.path().join("many.db");
        let store = common::scale::database(&path, count);
        let label = format!("{count} assessments");
        c.bench_function(&format!("list, {label}"), |b| {
            b.iter(|| store.list().unwrap())
        });
        drop(store);
        let name = format!("start screen first frame, {label}");
        first_frame(c, &name, &path, &[], Start::List);
        let (mut app, mut env) = session(&path, &[]);
        begin(&mut app, &mut env, Start::List);
        let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
        c.bench_function(&format!("start screen j and frame, {label}"), |b| {
            b.iter(|| {
                press(&mut app, &mut env, 'j');
                terminal.draw(|frame| view::render(&app, frame)).unwrap();
            })
        });
    }
}

/// The comparison a Bilanzierung computes when it opens and `siegel compare` prints, over two
/// assessments of the large questionnaire (the second linked to the first).
fn comparisons(c: &mut Criterion) {
    for size in [1_000, 5_000] {
        let large = common::scale::large(size);
        let known = large.known();
        let valid = large.valid_answers(&known);
        let dir = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).unwrap();
        let mut store = Store::open(&dir.path().join("compare.db")).unwrap();
        let then = store.import(&valid, common::AUDITOR).unwrap();
        let now = store.import(&valid, common::AUDITOR).unwrap();
        let (then, now) = (store.load(then).unwrap(), store.load(now).unwrap());
        let label = format!("{size} questions");
        c.bench_function(&format!("question map and comparison, {label}"), |b| {
            b.iter(|| {
                let chain = siegel::domain::versions::chain(&then.definition, &now.definition, &[])
                    .unwrap();
                let map = siegel::domain::versions::QuestionMap::along(&chain).unwrap();
                siegel::domain::compare::compare(&then, &now, &map)
            })
        });
    }
}

/// Where a large Zielvereinbarung stands (the goals screen, `siegel goals`, the reports): the
/// sample's goals repeated to 1,000 and 5,000 measures, with three Jahresberichte.
fn goals(c: &mut Criterion) {
    use siegel::domain::goals::{AnnualReport, GoalAgreement};
    use siegel::domain::progress::Progress;
    use siegel::questionnaires::{SAMPLE_AGREEMENT, SAMPLE_REPORTS};
    let sample: GoalAgreement = serde_json::from_str(SAMPLE_AGREEMENT.1).unwrap();
    let sample_report: AnnualReport = serde_json::from_str(SAMPLE_REPORTS[1].1).unwrap();
    for measures in [1_000, 5_000] {
        let mut agreement = sample.clone();
        agreement.goals.clear();
        let mut copy = 0;
        while agreement.measures().count() < measures {
            for goal in &sample.goals {
                let mut goal = goal.clone();
                goal.id = format!("{}-{copy}", goal.id);
                for measure in &mut goal.measures {
                    measure.id = format!("{}-{copy}", measure.id);
                }
                agreement.goals.push(goal);
            }
            copy += 1;
        }
        let reports: Vec<AnnualReport> = (2026..2029)
            .map(|year| {
                let mut report = sample_report.clone();
                report.year = year;
                report.measures = (agreement.measures())
                    .zip(sample_report.measures.iter().cycle())
                    .map(|((_, m), entry)| {
                        let mut entry = entry.clone();
                        entry.measure = m.id.clone();
                        entry
                    })
                    .collect();
                report
            })
            .collect();
        let refs: Vec<&AnnualReport> = reports.iter().collect();
        let label = format!("{} measures", agreement.measures().count());
        c.bench_function(&format!("goals progress and counts, {label}"), |b| {
            b.iter(|| {
                let progress = Progress::new(&agreement, &refs);
                progress.counts(None)
            })
        });
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10);
    targets = questionnaires, assessments, comparisons, goals
}
criterion_main!(benches);
