/**
 * Size limits for fields of messages. Ad text is written by criminals and arrives from anywhere:
 * every string is bounded so one hostile ad cannot exhaust memory downstream.
 */
export const Limits = {
  id: 128,
  source: 100,
  url: 2_048,
  title: 1_000,
  /** Plain text of the description; real ads are 1-10 KB, the longest EMSCAD ad is under 15 KB. */
  description: 50_000,
  /** Original HTML is kept for the analyst, bounded harder than text would be. */
  descriptionHtml: 200_000,
  shortText: 500,
  longText: 20_000,
  listItems: 50,
  /** A serialized message beyond this is refused before parsing. */
  messageBytes: 1_000_000,
} as const;
