// Tests never reach AWS: fixed fake credentials and region for every SDK client, CDK notices off.
process.env.AWS_ACCESS_KEY_ID ??= 'local';
process.env.AWS_SECRET_ACCESS_KEY ??= 'local';
process.env.AWS_REGION ??= 'us-east-1';
process.env.CDK_DISABLE_VERSION_CHECK = 'true';
process.env.LOG_LEVEL ??= 'WARN';
