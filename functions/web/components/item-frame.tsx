/** The frame of every item screen: where you are, the title, the item, previous/next. */
import type { ComponentChildren } from 'preact';
import { hrefFor, KIND_LABEL, minutesLabel, neighbours, workMomentOf, type ViewItem } from '../course-nav.js';
import { isDone } from '../progress-view.js';
import { useSession } from '../session.js';
import { DoneBadge } from './badges.js';

/** What the frame shows of an item (an imported package's item has the same). */
export type FramedItem = Pick<ViewItem, 'id' | 'title' | 'nominalMinutes'> & { kind: ViewItem['kind'] | 'package' };

export function ItemFrame({ item, children }: { item: FramedItem; children: ComponentChildren }) {
  const view = useSession();
  const { course } = view.session;
  const moment = workMomentOf(course, item.id);
  const momentNumber = moment ? course.workMoments.indexOf(moment) + 1 : 0;
  const { previous, next } = neighbours(course, item.id);
  const done = isDone(view, item.id);
  return (
    <article class="item">
      <p class="crumbs">
        <a href="#/">Overzicht</a>
        <span aria-hidden="true"> › </span>
        {moment ? `Werkmoment ${momentNumber}: ${moment.title}` : item.kind === 'assignment' ? 'Opdracht tussendoor' : 'Afronden'}
      </p>
      <h1 tabIndex={-1}>{item.title}</h1>
      <p class="meta">
        <span>{KIND_LABEL[item.kind]}</span>
        <span aria-hidden="true"> · </span>
        <span>{minutesLabel(item.nominalMinutes)}</span>
        {done !== undefined && (
          <>
            <span aria-hidden="true"> · </span>
            <DoneBadge done={done} />
          </>
        )}
      </p>
      {children}
      <nav class="pager" aria-label="Vorige en volgende">
        {previous ? (
          <a class="button pager-prev" href={hrefFor(previous)}>
            <span class="pager-dir">Vorige</span>
            <span class="pager-title">{previous.title}</span>
          </a>
        ) : (
          <span />
        )}
        {next ? (
          <a class="button primary pager-next" href={hrefFor(next)}>
            <span class="pager-dir">Volgende</span>
            <span class="pager-title">{next.title}</span>
          </a>
        ) : (
          <a class="button primary pager-next" href="#/contactmoment">
            <span class="pager-dir">Volgende</span>
            <span class="pager-title">{course.contactMoment.title}</span>
          </a>
        )}
      </nav>
      <p class="back">
        <a href="#/">Terug naar het overzicht</a>
      </p>
    </article>
  );
}
