/**
 * The final test (#/toets). The questions come without their answers (/api/course); the server
 * grades an attempt (POST /api/final-test) and records the statements. An attempt in progress
 * (its id, its order and the answers) is kept on this device, so a reload or a failed send loses
 * nothing, and sending it again is the same attempt.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError, NetworkError, type FinalTestResult } from '../api.js';
import { nowMs } from '../clock.js';
import { ItemFrame } from '../components/item-frame.js';
import { Markdown } from '../components/markdown.js';
import { uuid } from '../ids.js';
import { formatDateTime } from '../progress-view.js';
import { useSession } from '../session.js';
import { readJson, remove, writeJson } from '../storage.js';

interface Attempt {
  attemptId: string;
  answers: Record<string, string[]>;
}

export function FinalTestScreen() {
  const { session, progress, refreshProgress } = useSession();
  const test = session.course.finalTest;
  const storageKey = `final-test.${session.me.userId}.${session.enrolment.registration}`;
  const [attempt, setAttemptState] = useState<Attempt>(() => readJson<Attempt>(storageKey) ?? { attemptId: uuid(), answers: {} });
  const [result, setResult] = useState<FinalTestResult | null>(null);
  const [error, setError] = useState('');
  const [missing, setMissing] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const resultHeading = useRef<HTMLHeadingElement>(null);

  const setAttempt = (next: Attempt) => {
    setAttemptState(next);
    writeJson(storageKey, next);
  };

  useEffect(() => {
    if (result) resultHeading.current?.focus();
  }, [result]);

  const questions = orderFor(attempt.attemptId, test);
  const status = progress?.finalTest;

  const choose = (questionId: string, optionId: string, multiple: boolean, checked: boolean) => {
    const current = attempt.answers[questionId] ?? [];
    const next = multiple ? (checked ? [...current, optionId] : current.filter((id) => id !== optionId)) : [optionId];
    setAttempt({ ...attempt, answers: { ...attempt.answers, [questionId]: next } });
    setMissing(missing.filter((id) => id !== questionId));
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    const open = questions.filter((q) => (attempt.answers[q.id] ?? []).length === 0).map((q) => q.id);
    setMissing(open);
    if (open.length > 0) {
      setError(`Je hebt ${open.length === 1 ? 'één vraag' : `${open.length} vragen`} nog niet beantwoord.`);
      document.querySelector<HTMLInputElement>(`input[name="toets-${open[0]}"]`)?.focus();
      return;
    }
    setBusy(true);
    setError('');
    try {
      // The time on the test since the last report goes with the attempt (the server records it).
      const answered = await api.finalTest(attempt.attemptId, attempt.answers, session.tracker.take(test.id));
      remove(storageKey);
      setAttemptState({ attemptId: uuid(), answers: {} });
      setResult(answered);
      refreshProgress();
    } catch (caught) {
      setError(
        caught instanceof NetworkError
          ? 'Versturen lukte niet. Je antwoorden zijn bewaard. Controleer je internetverbinding en probeer het opnieuw.'
          : caught instanceof ApiError && caught.serverMessage && caught.status < 500
            ? caught.serverMessage
            : 'Er ging iets mis bij het nakijken. Je antwoorden zijn bewaard. Probeer het over een paar minuten opnieuw.',
      );
      if (caught instanceof ApiError && caught.status === 409) refreshProgress();
    } finally {
      setBusy(false);
    }
  };

  const rules = (
    <ul class="rules card">
      <li>
        Je slaagt als je <strong>{test.passMarkPercent}%</strong> van de {test.questions.length} vragen goed hebt.
      </li>
      <li>
        Je mag de toets <strong>{test.retries.maxAttempts} keer</strong> maken
        {test.retries.waitMinutesBetweenAttempts > 0 ? `, met minstens ${test.retries.waitMinutesBetweenAttempts} minuten tussen twee pogingen` : ''}.
      </li>
    </ul>
  );

  let body;
  if (result) {
    body = <Result result={result} questions={questions} headingRef={resultHeading} onAgain={() => setResult(null)} />;
  } else if (status?.status === 'passed') {
    body = (
      <div class="feedback good">
        <p>
          <strong>Je hebt de eindtoets gehaald{status.lastScorePercent !== undefined ? ` met ${status.lastScorePercent}%` : ''}.</strong>
        </p>
        {status.message && <p>{status.message}</p>}
      </div>
    );
  } else if (status && !status.canAttempt) {
    body = (
      <div class="notice">
        {status.message && <p>{status.message}</p>}
        {status.nextAttemptAt && <p>Je kunt het opnieuw proberen vanaf {formatDateTime(status.nextAttemptAt)}.</p>}
      </div>
    );
  } else {
    body = (
      <form class="form" onSubmit={submit} noValidate>
        {status && status.attempts > 0 && (
          <p class="hint">
            Dit is poging {status.attempts + 1} van {test.retries.maxAttempts}.
            {status.lastScorePercent !== undefined ? ` De vorige keer had je ${status.lastScorePercent}% goed.` : ''}
          </p>
        )}
        {questions.map((question, index) => {
          const multiple = question.type === 'multiple';
          const chosen = attempt.answers[question.id] ?? [];
          const isMissing = missing.includes(question.id);
          return (
            <fieldset class="card question" key={question.id} aria-describedby={isMissing ? `toets-${question.id}-fout` : undefined}>
              <legend>
                <span class="eyebrow">
                  Vraag {index + 1} van {questions.length}
                </span>
                <span class="stem">{question.stem}</span>
              </legend>
              {multiple && <p class="hint">Er kunnen meer antwoorden goed zijn.</p>}
              <div class="options">
                {question.options.map((option) => (
                  <label class="option" key={option.id}>
                    <input
                      type={multiple ? 'checkbox' : 'radio'}
                      name={`toets-${question.id}`}
                      value={option.id}
                      checked={chosen.includes(option.id)}
                      onChange={(e) => choose(question.id, option.id, multiple, e.currentTarget.checked)}
                    />
                    <span>{option.text}</span>
                  </label>
                ))}
              </div>
              {isMissing && (
                <p class="field-error" id={`toets-${question.id}-fout`}>
                  Beantwoord deze vraag nog.
                </p>
              )}
            </fieldset>
          );
        })}
        {error && (
          <p class="error-box" role="alert">
            {error}
          </p>
        )}
        <div class="form-actions">
          <button type="submit" class="button primary" disabled={busy}>
            {busy ? 'Bezig met nakijken…' : 'Toets inleveren'}
          </button>
        </div>
      </form>
    );
  }

  return (
    <ItemFrame item={test}>
      <Markdown source={test.intro} />
      {rules}
      {body}
    </ItemFrame>
  );
}

function Result(props: {
  result: FinalTestResult;
  questions: ReturnType<typeof orderFor>;
  headingRef: { current: HTMLHeadingElement | null };
  onAgain: () => void;
}) {
  const { result, questions } = props;
  const byId = new Map(questions.map((q) => [q.id, q]));
  const canRetryNow = !result.passed && result.attemptsLeft > 0 && (!result.nextAttemptAt || Date.parse(result.nextAttemptAt) <= nowMs());
  return (
    <section class="result" aria-labelledby="uitslag">
      <h2 id="uitslag" ref={props.headingRef} tabIndex={-1}>
        {result.passed ? 'Gefeliciteerd, je bent geslaagd!' : 'Je bent nog niet geslaagd'}
      </h2>
      <p class={result.passed ? 'feedback good' : 'feedback try'}>
        Je had {result.scorePercent}% goed. Om te slagen is {result.passMarkPercent}% nodig.
      </p>
      {!result.passed && (
        <p>
          {result.attemptsLeft > 0
            ? `Je hebt nog ${result.attemptsLeft} ${result.attemptsLeft === 1 ? 'poging' : 'pogingen'}.`
            : 'Je hebt geen pogingen meer. Neem contact op met je coach.'}
          {result.nextAttemptAt ? ` Je kunt het opnieuw proberen vanaf ${formatDateTime(result.nextAttemptAt)}.` : ''} Lees eerst de uitleg hieronder nog eens rustig
          door.
        </p>
      )}
      <h3>Uitleg per vraag</h3>
      <ol class="result-list">
        {result.questions.map((answer) => {
          const question = byId.get(answer.id);
          const correctTexts = answer.correctOptionIds?.map((id) => question?.options.find((o) => o.id === id)?.text).filter(Boolean);
          return (
            <li key={answer.id} class={answer.correct ? 'good' : 'try'}>
              <p class="stem">{question?.stem}</p>
              <p>
                {answer.correct ? (
                  <span class="badge done">
                    <span aria-hidden="true">✓ </span>Goed beantwoord
                  </span>
                ) : (
                  <span class="badge locked">Niet goed beantwoord</span>
                )}
              </p>
              <p>{answer.feedback}</p>
              {correctTexts && correctTexts.length === 1 && <p class="hint">Het goede antwoord: {correctTexts[0]}</p>}
              {correctTexts && correctTexts.length > 1 && (
                <>
                  <p class="hint">De goede antwoorden:</p>
                  <ul class="hint">
                    {correctTexts.map((text) => (
                      <li key={text}>{text}</li>
                    ))}
                  </ul>
                </>
              )}
            </li>
          );
        })}
      </ol>
      {canRetryNow && (
        <button type="button" class="button" onClick={props.onAgain}>
          Nieuwe poging
        </button>
      )}
    </section>
  );
}

type TestView = ReturnType<typeof useSession>['session']['course']['finalTest'];

/** The order of questions and options for this attempt: shuffled if the course says so, the same on every reload. */
export function orderFor(attemptId: string, test: TestView): TestView['questions'] {
  const random = seeded(attemptId);
  const shuffle = <T,>(list: T[]): T[] => {
    const out = [...list];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  };
  const questions = test.shuffle.questions ? shuffle(test.questions) : test.questions;
  return test.shuffle.options ? questions.map((q) => ({ ...q, options: shuffle(q.options) })) : questions;
}

/** A small deterministic PRNG (mulberry32) seeded from a string. */
function seeded(seed: string): () => number {
  let h = 1779033703;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 3432918353);
  let state = h >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
