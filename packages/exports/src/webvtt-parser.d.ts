// webvtt-parser (the W3C validator's parser) ships no types; only what the test reader uses.
declare module "webvtt-parser" {
  export interface WebVTTNode {
    type: "text" | "object";
    name?: string;
    value?: string;
    children?: WebVTTNode[];
  }
  export interface WebVTTCue {
    id: string;
    startTime: number;
    endTime: number;
    tree: { children: WebVTTNode[] };
  }
  export class WebVTTParser {
    constructor(entities?: Record<string, string>);
    parse(
      input: string,
      mode?: "metadata" | "chapters",
    ): {
      cues: WebVTTCue[];
      errors: Array<{ message: string; line: number; col: number }>;
    };
  }
}
