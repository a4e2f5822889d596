// Workbench selectors that hold in VS Code 1.139 (code-server 4.139), in one place so a workbench
// update means one edit.

export const workbench = '.monaco-workbench';

/** The activity-bar entry of a view container, by its title. */
export const activityBarItem = (containerTitle: string): string =>
  `.part.activitybar a.action-label[aria-label^="${cssString(containerTitle)}"]`;

/** The title of the open side bar view container. */
export const sideBarTitle = '.part.sidebar .composite.title h2';

/** A view's pane (header and body) in the side bar, by the view's name. */
export const viewPane = (viewName: string): string =>
  `.pane:has(> .pane-header[aria-label="${cssString(viewName)} Section"])`;
export const viewPaneHeader = (viewName: string): string => `.pane-header[aria-label="${cssString(viewName)} Section"]`;

/** Rows of a view's tree; their labels are in `.label-name`. */
export const treeRows = (viewName: string): string => `${viewPane(viewName)} .monaco-list-row`;
export const treeRowLabel = '.label-name';

/** The welcome content a view shows when it is empty (viewsWelcome). */
export const welcomeContent = (viewName: string): string => `${viewPane(viewName)} .welcome-view-content`;

/** Command palette (open with F1). */
export const quickInput = '.quick-input-widget';
export const quickInputBox = '.quick-input-widget .quick-input-box input';
export const quickInputRows = '.quick-input-widget .monaco-list-row';

/** Webview content: the active frame inside the last ready webview. */
export const webviewOuterFrame = 'iframe.webview.ready';
export const webviewInnerFrame = 'iframe#active-frame';

/** A status bar item contributed by an extension, by `<publisher>.<name>.<item id>`. */
export const statusBarItem = (id: string): string => `.part.statusbar [id="${cssString(id)}"]`;

/** Notifications (with the smoke-test driver on, read them in the notification center). */
export const notificationCenter = '.notifications-center';
export const notificationRows = '.notifications-list-container .monaco-list-row';
export const notificationToasts = '.notification-toast-container';
export const errorNotificationIcon = '.notification-list-item-icon.codicon-error';

/** A modal dialog (showWarningMessage with modal: true): its message, detail and buttons. */
export const dialogBox = '.monaco-dialog-box';
export const dialogMessage = '.dialog-message-text';
export const dialogDetail = '.dialog-message-detail';
export const dialogButton = '.dialog-buttons .monaco-button';

function cssString(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
}
