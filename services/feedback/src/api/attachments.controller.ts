import { Controller, Get, HttpCode, HttpStatus, Param, Query, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ACCEPTED_MEDIA_TYPES } from '@onedoor/application';
import { CurrentCaller, Public, type Caller } from '@onedoor/auth';
import { Post, Returns, uuidParam } from '@onedoor/http';
import { AttachFileHandler, type Reader } from '../application/attach-file/attach-file.handler';
import { FeedbackError, FeedbackErrorCode } from '../domain';
import { ATTACHMENT } from './schemas';
import { attachmentView } from './views';

const attachmentId = uuidParam('FEEDBACK', 'attachment');

function readerOf(number: string, request: Request, caller: Caller | undefined, pin: string | undefined): Reader {
  if (pin !== undefined && !(typeof pin === 'string' && /^\d{6}$/.test(pin))) {
    throw new FeedbackError(FeedbackErrorCode.VALIDATION_FAILED, 'pin: the 6 digits given with the case number', [
      { field: 'pin', message: '6 digits' },
    ]);
  }
  return { caller, number: number.toUpperCase(), pin, clientAddress: request.ip };
}

/** Files attached to a hotline case: a photo, a scanned letter, the unit's evidence. */
@ApiTags('hotline cases')
@Controller('cases/:number/attachments')
export class AttachmentsController {
  constructor(private readonly files: AttachFileHandler) {}

  @Public()
  @Post()
  @ApiBearerAuth()
  @HttpCode(HttpStatus.CREATED)
  @ApiConsumes(...ACCEPTED_MEDIA_TYPES, 'application/octet-stream')
  @ApiBody({
    required: true,
    description: "The file's bytes as the body (at most 5 MB; PDF, PNG, JPEG, WebP or TIFF, read from the content)",
    schema: { type: 'string', format: 'binary' },
  })
  @ApiOperation({
    summary:
      'Attach a file to a case: its submitter (signed in, or `?pin=`), the Office, or the unit handling it; 10 per case',
  })
  @Returns(ATTACHMENT, 201)
  async attach(
    @Param('number') number: string,
    @Req() request: Request,
    @CurrentCaller() caller?: Caller,
    @Query('pin') pin?: string,
  ) {
    const bytes = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    return attachmentView(await this.files.attach(readerOf(number, request, caller, pin), bytes));
  }

  @Public()
  @Get(':id')
  @ApiBearerAuth()
  @ApiResponse({
    status: 200,
    description: 'The bytes, with their media type',
    content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } },
  })
  @ApiOperation({ summary: "A file's bytes, for whoever may read the case (`?pin=` for an anonymous submitter)" })
  async download(
    @Param('number') number: string,
    @Param('id', attachmentId) id: string,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
    @CurrentCaller() caller?: Caller,
    @Query('pin') pin?: string,
  ) {
    const { attachment, bytes } = await this.files.download(readerOf(number, request, caller, pin), id);
    response.setHeader('content-type', attachment.mediaType);
    response.setHeader('x-content-type-options', 'nosniff');
    response.setHeader('content-disposition', `attachment; filename="${attachment.id}"`);
    response.setHeader('digest', `sha-256=${Buffer.from(attachment.sha256, 'hex').toString('base64')}`);
    return new StreamableFile(bytes);
  }
}
