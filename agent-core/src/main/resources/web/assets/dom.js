// DOM helpers. Every string from the API goes into the page as a text node or an attribute
// value, never as markup, so a check summary or a login's user name cannot inject HTML.

/**
 * Creates an element. Attributes whose value is null, undefined or false are left out, true
 * sets an empty attribute, and a function under an "on..." name becomes an event listener.
 * Children may be nodes, strings, numbers or nested arrays; null and false are skipped.
 */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) {
      continue;
    }
    if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2), value);
    } else if (name === 'class') {
      element.className = value;
    } else {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
  appendChildren(element, children);
  return element;
}

/** Appends nodes and strings (as text) to an element. */
export function appendChildren(parent, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) {
      continue;
    }
    parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return parent;
}

/** Replaces all children of an element. */
export function replaceChildren(parent, ...children) {
  parent.replaceChildren();
  return appendChildren(parent, children);
}

/**
 * Splits text on backticks into text and code elements, the way the audit plugins mark
 * commands and config lines in a remediation: "Run `sshd -t`" shows sshd -t as code.
 */
export function withCodeSpans(text) {
  const parts = String(text).split('`');
  // An odd count of backticks leaves the last part unclosed; show it as plain text.
  const closed = parts.length % 2 === 1;
  return parts.map((part, index) => {
    const isCode = index % 2 === 1 && (closed || index < parts.length - 1);
    if (isCode) {
      return h('code', {}, part);
    }
    return index % 2 === 1 ? '`' + part : part;
  });
}

let uniqueCounter = 0;

/** Returns an id unique in this page, for label and aria references. */
export function uniqueId(prefix) {
  uniqueCounter += 1;
  return `${prefix}-${uniqueCounter}`;
}
