-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "AlertStatus" AS ENUM ('PENDING', 'DISPATCHED', 'ACKNOWLEDGED');

-- CreateTable
CREATE TABLE "Wallet" (
    "id" UUID NOT NULL,
    "address" TEXT NOT NULL,
    "chainId" INTEGER NOT NULL,
    "label" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Wallet_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Token" (
    "id" UUID NOT NULL,
    "chainId" INTEGER NOT NULL,
    "address" TEXT NOT NULL,
    "symbol" TEXT NOT NULL,
    "decimals" INTEGER NOT NULL,

    CONSTRAINT "Token_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TokenBalance" (
    "id" UUID NOT NULL,
    "walletId" UUID NOT NULL,
    "tokenId" UUID NOT NULL,
    "quantity" DECIMAL(78,0) NOT NULL,
    "usdValue" DECIMAL(24,8) NOT NULL,
    "capturedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TokenBalance_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GammaswapPosition" (
    "id" UUID NOT NULL,
    "walletId" UUID NOT NULL,
    "poolAddress" TEXT NOT NULL,
    "healthRatio" DECIMAL(12,6),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "GammaswapPosition_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GovernanceLock" (
    "id" UUID NOT NULL,
    "walletId" UUID NOT NULL,
    "lockAmount" DECIMAL(38,18) NOT NULL,
    "votingPower" DECIMAL(38,18) NOT NULL,
    "lockEndsAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "GovernanceLock_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PriceSnapshot" (
    "id" UUID NOT NULL,
    "tokenId" UUID NOT NULL,
    "priceUsd" DECIMAL(24,8) NOT NULL,
    "recordedAt" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "PriceSnapshot_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Alert" (
    "id" UUID NOT NULL,
    "walletId" UUID NOT NULL,
    "status" "AlertStatus" NOT NULL DEFAULT 'PENDING',
    "triggerAt" TIMESTAMP(3) NOT NULL,
    "payload" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "Alert_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Wallet_address_key" ON "Wallet"("address");

-- CreateIndex
CREATE UNIQUE INDEX "Token_chainId_address_key" ON "Token"("chainId", "address");

-- CreateIndex
CREATE INDEX "TokenBalance_walletId_capturedAt_idx" ON "TokenBalance"("walletId", "capturedAt" DESC);

-- CreateIndex
CREATE INDEX "PriceSnapshot_recordedAt_idx" ON "PriceSnapshot" USING BRIN ("recordedAt");

-- CreateIndex
CREATE UNIQUE INDEX "PriceSnapshot_tokenId_recordedAt_key" ON "PriceSnapshot"("tokenId", "recordedAt");

-- CreateIndex
CREATE INDEX "Alert_status_triggerAt_idx" ON "Alert"("status", "triggerAt");

-- AddForeignKey
ALTER TABLE "TokenBalance" ADD CONSTRAINT "TokenBalance_walletId_fkey" FOREIGN KEY ("walletId") REFERENCES "Wallet"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TokenBalance" ADD CONSTRAINT "TokenBalance_tokenId_fkey" FOREIGN KEY ("tokenId") REFERENCES "Token"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GammaswapPosition" ADD CONSTRAINT "GammaswapPosition_walletId_fkey" FOREIGN KEY ("walletId") REFERENCES "Wallet"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GovernanceLock" ADD CONSTRAINT "GovernanceLock_walletId_fkey" FOREIGN KEY ("walletId") REFERENCES "Wallet"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PriceSnapshot" ADD CONSTRAINT "PriceSnapshot_tokenId_fkey" FOREIGN KEY ("tokenId") REFERENCES "Token"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Alert" ADD CONSTRAINT "Alert_walletId_fkey" FOREIGN KEY ("walletId") REFERENCES "Wallet"("id") ON DELETE CASCADE ON UPDATE CASCADE;

