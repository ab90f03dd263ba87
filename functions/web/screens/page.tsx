/** A content page: its Markdown. The time spent reading is sent by the activity tracker. */
import type { PageItem } from '../../core/course/schema.js';
import { ItemFrame } from '../components/item-frame.js';
import { Markdown } from '../components/markdown.js';

export function PageScreen({ item }: { item: PageItem }) {
  return (
    <ItemFrame item={item}>
      <Markdown source={item.body} class="body" />
    </ItemFrame>
  );
}
