import { render } from 'preact';

import { App } from './app';
import { language } from './i18n';
import './styles.css';

document.documentElement.lang = language.value;
render(<App />, document.getElementById('app')!);
