/**
 * The CDK app. Environment-agnostic (no account or region), so `cdk synth` needs no AWS
 * credentials; `cdk deploy` takes both from the caller's profile.
 */
import { App } from 'aws-cdk-lib';
import { IntroductieStack } from './stack.js';

const app = new App();
const lrsAuthorityHomepage: unknown = app.node.tryGetContext('lrsAuthorityHomepage');

new IntroductieStack(app, 'IntroductiePositieveGezondheid', {
  description: 'Introductie Positieve Gezondheid: LMS module with its own xAPI LRS',
  ...(typeof lrsAuthorityHomepage === 'string' && lrsAuthorityHomepage ? { lrsAuthorityHomepage } : {}),
});
