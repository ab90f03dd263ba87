/**
 * A knowledge check: per question, choose, check, and get feedback at once (from the course
 * data); each check sends `knowledgeCheckAnswered`. Trying again is always fine: it is for
 * learning, not a test.
 */
import { useRef, useState } from 'preact/hooks';
import type { CheckItem, Question } from '../../core/course/schema.js';
import { knowledgeCheckAnswered } from '../../core/xapi/profile/builders.js';
import { ItemFrame } from '../components/item-frame.js';
import { Markdown } from '../components/markdown.js';
import { useSession } from '../session.js';

export function CheckScreen({ item }: { item: CheckItem }) {
  const { session } = useSession();
  const answered = useRef(new Set<string>());
  const onAnswered = (questionId: string) => {
    answered.current.add(questionId);
    if (item.questions.every((q) => answered.current.has(q.id))) session.markDone(item.id);
  };
  return (
    <ItemFrame item={item}>
      {item.intro && <Markdown source={item.intro} />}
      <p class="hint">Kies bij elke vraag een antwoord en klik op ‘Controleer’.</p>
      {item.questions.map((question, index) => (
        <QuestionBlock key={question.id} item={item} question={question} number={index + 1} total={item.questions.length} onAnswered={onAnswered} />
      ))}
    </ItemFrame>
  );
}

interface Verdict {
  correct: boolean;
  feedback: string[];
}

function QuestionBlock(props: { item: CheckItem; question: Question; number: number; total: number; onAnswered: (questionId: string) => void }) {
  const { item, question, number, total } = props;
  const { session } = useSession();
  const [chosen, setChosen] = useState<string[]>([]);
  const [verdict, setVerdict] = useState<Verdict | null>(null);
  const [error, setError] = useState('');
  const name = `${item.id}-${question.id}`;
  const multiple = question.type === 'multiple';

  const toggle = (optionId: string, checked: boolean) => {
    setChosen(multiple ? (checked ? [...chosen, optionId] : chosen.filter((id) => id !== optionId)) : [optionId]);
    setVerdict(null);
    setError('');
  };

  const check = (event: Event) => {
    event.preventDefault();
    if (chosen.length === 0) {
      setError(multiple ? 'Kies eerst een of meer antwoorden.' : 'Kies eerst een antwoord.');
      return;
    }
    const correctIds = question.options.filter((o) => o.correct).map((o) => o.id);
    const correct = correctIds.length === chosen.length && correctIds.every((id) => chosen.includes(id));
    const feedback = question.feedback
      ? [correct ? question.feedback.correct : question.feedback.incorrect]
      : question.options.filter((o) => chosen.includes(o.id) && o.feedback).map((o) => o.feedback!);
    setVerdict({ correct, feedback });
    const activeIntervals = session.tracker.take(item.id);
    session.record((base) =>
      knowledgeCheckAnswered({
        ...base(),
        itemId: item.id,
        questionId: question.id,
        chosenOptionIds: chosen,
        ...(activeIntervals.length > 0 ? { activeIntervals } : {}),
      }),
    );
    props.onAnswered(question.id);
  };

  return (
    <form class="card question" onSubmit={check} noValidate>
      <fieldset aria-describedby={error ? `${name}-error` : undefined}>
        <legend>
          <span class="eyebrow">
            Vraag {number} van {total}
          </span>
          <span class="stem">{question.stem}</span>
        </legend>
        {multiple && <p class="hint">Er kunnen meer antwoorden goed zijn.</p>}
        <div class="options">
          {question.options.map((option) => (
            <label class="option" key={option.id}>
              <input
                type={multiple ? 'checkbox' : 'radio'}
                name={name}
                value={option.id}
                checked={chosen.includes(option.id)}
                onChange={(e) => toggle(option.id, e.currentTarget.checked)}
              />
              <span>{option.text}</span>
            </label>
          ))}
        </div>
      </fieldset>
      {error && (
        <p class="field-error" id={`${name}-error`}>
          {error}
        </p>
      )}
      <button type="submit" class="button">
        Controleer
      </button>
      <div class="feedback-live" role="status" aria-live="polite">
        {verdict && (
          <div class={verdict.correct ? 'feedback good' : 'feedback try'}>
            <p>
              <strong>{verdict.correct ? 'Goed zo.' : 'Nog niet helemaal.'}</strong>
            </p>
            {verdict.feedback.map((line) => (
              <p key={line}>{line}</p>
            ))}
          </div>
        )}
      </div>
    </form>
  );
}
