export * from './html.ts';
export * from './page.ts';
