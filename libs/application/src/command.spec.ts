import { IsInt, IsOptional, IsString, Min } from 'class-validator';
import { BlockError, CommonErrorCode, InvalidCommand } from './block-error';
import { Command } from './command';

class RecordFinding extends Command {
  @IsString() caseId!: string;
  @IsInt() @Min(1) severity!: number;
  @IsOptional() @IsString() note?: string;
}

describe('Command.create', () => {
  it('returns a frozen command when its values keep its rules', () => {
    const command = RecordFinding.create({ caseId: 'c-1', severity: 2 });
    expect(command).toBeInstanceOf(RecordFinding);
    expect(command).toEqual(expect.objectContaining({ caseId: 'c-1', severity: 2 }));
    expect(Object.isFrozen(command)).toBe(true);
  });

  it('refuses values that break them, naming every field', () => {
    let thrown: unknown;
    try {
      RecordFinding.create({ caseId: 42 as never, severity: 0 });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InvalidCommand);
    expect(thrown).toBeInstanceOf(BlockError);
    const invalid = thrown as InvalidCommand;
    expect(invalid.code).toBe(CommonErrorCode.VALIDATION_FAILED);
    expect(invalid.errors?.map((e) => e.field).sort()).toEqual(['caseId', 'severity']);
  });
});
