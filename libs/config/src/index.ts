export {
  ConfigError,
  EXIT_CONFIGURATION,
  exitOnConfigError,
  loadSettings,
  readSetting,
  settingsOrExit,
  unknownSettings,
  type SettingProblem,
} from './load';
export { settingsTable } from './docs';
export { SETTINGS, type Setting, type SettingName, type SettingScope, type Settings } from './settings';
export { keptInDataDir } from './data-dir';
