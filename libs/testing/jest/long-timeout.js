// Integration and end-to-end tests talk to a real broker and database, and restart them.
jest.setTimeout(180_000);
