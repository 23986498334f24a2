import type { ComponentChildren } from 'preact';

import { navigate } from '../router';

// An <a> that changes page without reloading (a modified click still opens a
// new tab, as people expect).
export function Link(props: { href: string; class?: string; title?: string; children: ComponentChildren }) {
  const onClick = (event: MouseEvent) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(props.href);
  };
  return (
    <a href={props.href} class={props.class} title={props.title} onClick={onClick}>
      {props.children}
    </a>
  );
}
