import { Controller, Get, HttpCode, HttpStatus, Param, Query, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiTags, ApiResponse } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentCaller, type Caller } from '@onedoor/auth';
import { Post, Returns, uuidParam } from '@onedoor/http';
import { AttachDocument } from '../application/attach-document/attach-document.command';
import { AttachDocumentHandler } from '../application/attach-document/attach-document.handler';
import { ApplicationQueries } from '../application/queries/applications.queries';
import { DOCUMENT } from './schemas';

const applicationId = uuidParam('REGISTRATION', 'application');
const documentId = uuidParam('REGISTRATION', 'document');

@ApiTags('documents')
@ApiBearerAuth()
@Controller()
export class DocumentsController {
  constructor(
    private readonly attaching: AttachDocumentHandler,
    private readonly queries: ApplicationQueries,
  ) {}

  @Post('applications/:id/documents')
  @Returns(DOCUMENT, 201)
  @ApiConsumes('application/pdf', 'image/png', 'image/jpeg', 'image/webp', 'image/tiff', 'application/octet-stream')
  @ApiBody({
    required: true,
    description: "The file's bytes, as they are (any media type but JSON; the type is read from the content)",
    schema: { type: 'string', format: 'binary' },
  })
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({
    summary: "Attach a document: the file's bytes as the body, `?type=` one of the service's document types",
    description:
      'The type is read from the content (PDF, PNG, JPEG, WebP, TIFF), never from a name; size is checked against the service; the SHA-256 is recorded.',
  })
  async upload(
    @Param('id', applicationId) id: string,
    @Query('type') type: string,
    @Req() request: Request,
    @CurrentCaller() caller: Caller,
  ) {
    const bytes = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    const document = await this.attaching.execute(
      AttachDocument.create({ applicationId: id, caller, type: String(type ?? ''), bytes }),
    );
    return { ...document, url: `/registration/documents/${document.id}` };
  }

  @Get('documents/:documentId')
  @ApiResponse({
    status: 200,
    description: 'The bytes, with their media type',
    content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } },
  })
  @ApiOperation({ summary: "A document's bytes, for whoever may read its application" })
  async download(
    @Param('documentId', documentId) id: string,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) response: Response,
  ) {
    const document = await this.queries.document(caller, id);
    response.setHeader('content-type', document.mediaType);
    response.setHeader('x-content-type-options', 'nosniff');
    response.setHeader('content-disposition', `attachment; filename="${document.type}-${document.id}"`);
    response.setHeader('digest', `sha-256=${Buffer.from(document.sha256, 'hex').toString('base64')}`);
    return new StreamableFile(document.bytes);
  }
}
