/** #/item/<id>: the screen for the item's kind (`package`: an imported SCORM package). */
import { findItem } from '../course-nav.js';
import { asPackageItem } from '../package-types.js';
import { useSession } from '../session.js';
import { AssignmentScreen } from './assignment.js';
import { CheckScreen } from './check.js';
import { EvaluationScreen } from './evaluation.js';
import { FinalTestScreen } from './final-test.js';
import { FollowUpScreen } from './follow-up.js';
import { NotFound } from './not-found.js';
import { PackagePlayer } from './package-player.js';
import { PageScreen } from './page.js';
import { ReflectionScreen } from './reflection.js';
import { SpinnenwebScreen } from './spinnenweb.js';

export function ItemRoute({ itemId }: { itemId: string }) {
  const item = findItem(useSession().session.course, itemId);
  // An imported SCORM package (a kind the course view's types do not know yet).
  const packageItem = asPackageItem(item);
  if (packageItem) return <PackagePlayer item={packageItem} />;
  switch (item?.kind) {
    case 'page':
      return <PageScreen item={item} />;
    case 'check':
      return <CheckScreen item={item} />;
    case 'reflection':
      return <ReflectionScreen item={item} />;
    case 'spinnenweb':
      return <SpinnenwebScreen item={item} />;
    case 'assignment':
      return <AssignmentScreen item={item} />;
    case 'test':
      return <FinalTestScreen />;
    case 'evaluation':
      return <EvaluationScreen />;
    case 'choice':
      return <FollowUpScreen />;
    default:
      return <NotFound />;
  }
}
