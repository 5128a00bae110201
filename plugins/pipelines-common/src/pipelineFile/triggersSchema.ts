import { z } from 'zod';
import { checkCron } from './checkCron';
import { globListSchema, nameSchema } from './schemaParts';

const inputSchema = z
  .strictObject({
    type: z.enum(['string', 'boolean', 'choice']).default('string'),
    description: z.string().optional(),
    required: z.boolean().default(false),
    default: z.union([z.string(), z.number(), z.boolean()]).optional(),
    options: z
      .array(z.union([z.string(), z.number()]))
      .min(1)
      .optional()
      .describe('The values of a choice input'),
  })
  .superRefine((input, ctx) => {
    const fail = (message: string, path: string[]) =>
      ctx.addIssue({ code: 'custom', message, path });
    const { type, options, default: value } = input;
    if (type === 'choice' && !options) {
      fail('A choice input needs "options"', []);
    }
    if (type !== 'choice' && options) {
      fail('Only choice inputs have "options"', ['options']);
    }
    if (value === undefined) {
      return;
    }
    if (type === 'boolean' && typeof value !== 'boolean') {
      fail('The default of a boolean input must be true or false', ['default']);
    }
    if (type !== 'boolean' && typeof value === 'boolean') {
      fail(`The default of a ${type} input must be text`, ['default']);
    }
    if (
      type === 'choice' &&
      options &&
      !options.map(String).includes(String(value))
    ) {
      fail(`The default "${value}" is not one of the options`, ['default']);
    }
  });

const cronSchema = z
  .string()
  .superRefine((cron, ctx) => {
    const problem = checkCron(cron);
    if (problem) {
      ctx.addIssue({ code: 'custom', message: problem });
    }
  })
  .describe(
    'Five cron fields in UTC: minute hour day-of-month month day-of-week',
  );

/** The `on` section: what starts a run. */
export const triggersSchema = z
  .strictObject({
    push: z
      .strictObject({
        branches: globListSchema.optional(),
        tags: globListSchema.optional(),
      })
      .nullable()
      .optional()
      .describe('Run on pushes; without filters, on every branch and tag'),
    pull_request: z
      .strictObject({ branches: globListSchema.optional() })
      .nullable()
      .optional()
      .describe('Run on pull requests, filtered by base branch'),
    schedule: z
      .array(z.strictObject({ cron: cronSchema }))
      .min(1)
      .optional(),
    manual: z
      .strictObject({ inputs: z.record(nameSchema, inputSchema).optional() })
      .nullable()
      .optional()
      .describe('Runs started by hand, with typed inputs'),
  })
  .describe('What starts a run');
