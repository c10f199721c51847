import { TestApp, codes } from '../support/api';
import { executeOnReadModels } from '../support/read-model-backend';

describe('unexpected failures', () => {
  let app: TestApp;
  afterAll(() => app.stop(true));

  it('are masked: a generic message and an error id, never SQL, paths or stacks', async () => {
    app = await TestApp.start();
    const agent = await app.token('agent', 'agent-mask');
    // Break the read model under the running server, as a failing disk or a bad migration would.
    await executeOnReadModels(app.config, 'DROP TABLE claim_summary');

    const answer = await app.gql(agent, '{ claims { totalCount } }');
    expect(codes(answer)).toEqual(['INTERNAL_SERVER_ERROR']);
    const [error] = answer.errors!;
    expect(error.message).toMatch(/error id [0-9a-f-]{36}/);
    expect(error.extensions!.errorId).toMatch(/^[0-9a-f-]{36}$/);
    const text = JSON.stringify(answer);
    expect(text).not.toMatch(/claim_summary|sqlite|postgres|relation|select|no such table|\.ts|\.js|at /i);
  });
});
