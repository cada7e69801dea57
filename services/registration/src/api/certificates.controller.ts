import { Body, Controller, Get, HttpCode, HttpStatus, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { CurrentCaller, Public, type Caller } from '@onedoor/auth';
import { Post, Returns, uuidParam } from '@onedoor/http';
import { IssueCertificateHandler } from '../application/issue-certificate/issue-certificate.handler';
import { CertificateSigner } from '../application/ports';
import { CERTIFICATE, CERTIFICATE_CHECK, JWKS } from './schemas';

class VerifyCertificateDto {
  @ApiProperty({ description: 'The compact JWS read from the certificate or its QR code' })
  @IsString()
  @Length(20, 8_000)
  credential: string;
}

const applicationId = uuidParam('REGISTRATION', 'application');

/** Certificates of approved applications: signed, checkable offline with the published key, and online here. */
@ApiTags('certificates')
@Controller()
export class CertificatesController {
  constructor(
    private readonly certificates: IssueCertificateHandler,
    private readonly signer: CertificateSigner,
  ) {}

  @Get('applications/:id/certificate')
  @Returns(CERTIFICATE)
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      "An approved application's certificate: a signed credential (compact JWS for a QR code) with its Lao and English text",
  })
  certificate(@Param('id', applicationId) id: string, @CurrentCaller() caller: Caller) {
    return this.certificates.execute(caller, id);
  }

  @Public()
  @Get('certificates/jwks.json')
  @Returns(JWKS)
  @ApiOperation({ summary: 'The keys certificates are signed with: what an offline verifier downloads once' })
  keys() {
    return this.signer.publicKeys();
  }

  @Public()
  @Post('certificates/verify')
  @Returns(CERTIFICATE_CHECK)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Check a certificate: signed by this block, and its application still approved' })
  verify(@Body() body: VerifyCertificateDto) {
    return this.certificates.verify(body.credential);
  }
}
