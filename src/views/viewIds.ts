// The two tree views' ids, as package.json's `contributes.views` declares them (menus, welcome
// content and progress locations name them too).
export const AWS_EXPLORER_VIEW_ID = 'planetscalePrivateLink.awsExplorer';
export const PLANETSCALE_EXPLORER_VIEW_ID = 'planetscalePrivateLink.planetscaleExplorer';
