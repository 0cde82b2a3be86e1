// aquifer's version, as package.json gives it (a test keeps the two equal). Model files record it.
export const VERSION = '0.1.0';
