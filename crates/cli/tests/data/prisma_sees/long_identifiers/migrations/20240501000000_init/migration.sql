-- CreateTable
CREATE TABLE "InsurancePolicyholderOrganization" (
    "id" SERIAL NOT NULL,
    "legalName" TEXT NOT NULL,

    CONSTRAINT "InsurancePolicyholderOrganization_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InsurancePolicyholderReinsuranceAgreement" (
    "id" SERIAL NOT NULL,
    "insurancePolicyholderOrganizationId" INTEGER NOT NULL,
    "externalUnderwritingReferenceNumber" TEXT NOT NULL,
    "coverageEffectiveFromDate" TIMESTAMP(3) NOT NULL,
    "coverageTerminationDate" TIMESTAMP(3),

    CONSTRAINT "InsurancePolicyholderReinsuranceAgreement_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "InsurancePolicyholderReinsuranceAgreement_coverageEffective_idx" ON "InsurancePolicyholderReinsuranceAgreement"("coverageEffectiveFromDate", "coverageTerminationDate");

-- CreateIndex
CREATE INDEX "InsurancePolicyholderReinsuranceAgreement_insurancePolicyho_idx" ON "InsurancePolicyholderReinsuranceAgreement"("insurancePolicyholderOrganizationId");

-- CreateIndex
CREATE UNIQUE INDEX "InsurancePolicyholderReinsuranceAgreement_insurancePolicyho_key" ON "InsurancePolicyholderReinsuranceAgreement"("insurancePolicyholderOrganizationId", "externalUnderwritingReferenceNumber");

-- AddForeignKey
ALTER TABLE "InsurancePolicyholderReinsuranceAgreement" ADD CONSTRAINT "InsurancePolicyholderReinsuranceAgreement_insurancePolicyh_fkey" FOREIGN KEY ("insurancePolicyholderOrganizationId") REFERENCES "InsurancePolicyholderOrganization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
