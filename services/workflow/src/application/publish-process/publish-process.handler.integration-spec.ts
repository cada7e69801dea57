import { WorkflowErrorCode as Code } from '../../domain';
import { admin, example, refusal, workflowTestBed } from '../../../test/use-case-harness';
import { DeleteProcessHandler } from '../delete-process/delete-process.handler';
import { PublishProcess } from './publish-process.command';
import { PublishProcessHandler } from './publish-process.handler';

const bed = workflowTestBed((uc) => ({
  publish: new PublishProcessHandler(uc.store),
  remove: new DeleteProcessHandler(uc.store),
}));
const publish = (bpmn: string, expectedKey?: string) =>
  bed.publish.execute(PublishProcess.create({ caller: admin, bpmn, expectedKey }));

describe('publishing a process', () => {
  it('keeps a checked document as version 1, then as new versions; deleting ends new starts', async () => {
    const first = await publish(example('three-steps.bpmn'));
    expect([first.key, first.version, first.createdBy]).toEqual(['three-steps', 1, 'workflow-admin']);
    await refusal(publish(example('three-steps.bpmn')), Code.DEFINITION_EXISTS);
    expect((await publish(example('three-steps.bpmn'), 'three-steps')).version).toBe(2);
    await refusal(publish(example('three-steps.bpmn'), 'business-licence'), Code.KEY_MISMATCH);
    await bed.remove.execute('three-steps', admin);
    await refusal(bed.uc.start('three-steps'), Code.DEFINITION_NOT_FOUND);
    await refusal(bed.remove.execute('three-steps', admin), Code.DEFINITION_NOT_FOUND);
    // A deleted process can be published again, as its next version.
    expect((await publish(example('three-steps.bpmn'))).version).toBe(3);
  });

  it('refuses a document the engine cannot run, naming the element', async () => {
    const broken = example('three-steps.bpmn').replace(
      '<bpmn:serviceTask id="route" onedoor:route="category" />',
      '<bpmn:scriptTask id="route" />',
    );
    const refused = await refusal(publish(broken), Code.INVALID_DEFINITION);
    expect(refused.errors).toEqual([expect.objectContaining({ field: 'route' })]);
    await refusal(publish('   '), Code.VALIDATION_FAILED);
  });
});
