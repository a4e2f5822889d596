// Entry of the Create Endpoint webview (built to dist/webview/createEndpoint.js).
import { keepSelectAllInFields } from '../selectAllInFields';
import { registerComponents } from '../toolkit';
import { CreateEndpointForm } from './createEndpointForm';
import type { PageState } from './pageState';
import { connectToHost } from './vscodeApi';

registerComponents();
keepSelectAllInFields(document);
const root = document.getElementById('app');
if (root) new CreateEndpointForm(root, connectToHost<PageState>()).start();
