// The eForm's descriptions are plain text: react-jsonschema-form's Markdown renderer (markdown-to-jsx, 85 KB
// minified) is replaced by this, which shows the text as it is.
import { h } from 'preact';

export function Markdown(props) {
  return h('span', null, props.children);
}
export default Markdown;
export const compiler = (text) => text;
