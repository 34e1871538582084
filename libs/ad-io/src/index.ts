export * from './csv';
export * from './lines';
export * from './html-entities';
export * from './emscad';
export * from './jsonl';
export * from './read-ads';
