// Entry of the Diagnose results webview (built to dist/webview/diagnose.js and diagnose.css).
import { registerComponents } from '../toolkit';
import { DiagnosePage, type PageState } from './diagnosePage';
import { connectToHost } from './hostChannel';

registerComponents();
const root = document.getElementById('app');
if (root) new DiagnosePage(root, connectToHost<PageState>()).start();
