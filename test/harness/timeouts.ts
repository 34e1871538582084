// Real brokers and databases answer in milliseconds but join groups and migrate in seconds.
jest.setTimeout(Number(process.env['LANTERN_TEST_TIMEOUT_MS'] ?? 60_000));
