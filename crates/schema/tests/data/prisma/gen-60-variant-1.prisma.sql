-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "Status0" AS ENUM ('VALUE_0_0', 'VALUE_0_1', 'VALUE_0_2', 'VALUE_0_3');

-- CreateEnum
CREATE TYPE "Status1" AS ENUM ('VALUE_1_0', 'VALUE_1_1', 'VALUE_1_2', 'ADDED_1');

-- CreateEnum
CREATE TYPE "Status2" AS ENUM ('VALUE_2_0', 'VALUE_2_1', 'VALUE_2_2', 'VALUE_2_3', 'VALUE_2_4');

-- CreateEnum
CREATE TYPE "Status3" AS ENUM ('VALUE_3_0', 'VALUE_3_1', 'VALUE_3_2', 'VALUE_3_3', 'VALUE_3_4', 'VALUE_3_5', 'VALUE_3_6');

-- CreateEnum
CREATE TYPE "Status4" AS ENUM ('VALUE_4_0', 'VALUE_4_1');

-- CreateEnum
CREATE TYPE "Status5" AS ENUM ('VALUE_5_0', 'VALUE_5_1');

-- CreateTable
CREATE TABLE "model_0" (
    "id" TEXT NOT NULL,
    "field0" TIMESTAMPTZ(6) NOT NULL,
    "field1" BYTEA,
    "field2" BIGINT,
    "field3" JSONB NOT NULL,
    "field4" JSONB NOT NULL,
    "field5" JSONB NOT NULL,
    "field6" DECIMAL(20,8),
    "field7" DECIMAL(20,8) NOT NULL,
    "field8" INTEGER NOT NULL,
    "field9" DOUBLE PRECISION NOT NULL,
    "field10" INTEGER NOT NULL,
    "field11" UUID,
    "status" "Status3" NOT NULL DEFAULT 'VALUE_3_0',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "model_0_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "model_1" (
    "id" TEXT NOT NULL,
    "field0" TIMESTAMPTZ(6) NOT NULL,
    "field1" BOOLEAN NOT NULL DEFAULT false,
    "field2" BYTEA NOT NULL,
    "field3" TIMESTAMPTZ(6),
    "field4" BIGINT NOT NULL,
    "field5" UUID,
    "field6" INTEGER,
    "field7" DECIMAL(20,8) NOT NULL,
    "field8" BYTEA NOT NULL,
    "field9" DECIMAL(20,8) NOT NULL,
    "field10" VARCHAR(255),
    "field11" UUID,
    "field12" DECIMAL(20,8),
    "status" "Status4" NOT NULL DEFAULT 'VALUE_4_0',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "model0Id" TEXT NOT NULL,

    CONSTRAINT "model_1_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "model_2" (
    "id" TEXT NOT NULL,
    "field0" BOOLEAN DEFAULT false,
    "field1" BOOLEAN NOT NULL DEFAULT false,
    "field2" TEXT NOT NULL,
    "field3" UUID,
    "field4" TIMESTAMPTZ(6) NOT NULL,
    "field5" BOOLEAN NOT NULL DEFAULT false,
    "field6" JSONB NOT NULL,
    "field7" DOUBLE PRECISION NOT NULL,
    "field8" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "field9" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "field10" UUID NOT NULL,
    "field11" BYTEA NOT NULL,
    "field12" VARCHAR(255) NOT NULL,
    "field13" VARCHAR(255) NOT NULL,
    "field14" UUID,
    "field15" TEXT NOT NULL,
    "field16" UUID NOT NULL,
    "field17" VARCHAR(255),
    "field18" JSONB,
    "field19" TEXT NOT NULL,
    "status" "Status1" NOT NULL DEFAULT 'VALUE_1_0',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "model_2_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "model_3" (
    "id" TEXT NOT NULL,
    "field0" BIGINT NOT NULL,
    "field1" DECIMAL(20,8),
    "field2" BIGINT NOT NULL,
    "field3" DOUBLE PRECISION,
    "field4" VARCHAR(255) NOT NULL,
    "field5" UUID NOT NULL,
    "field6" VARCHAR(255),
    "field7" INTEGER NOT NULL,
    "field8" VARCHAR(255) NOT NULL,
    "field9" JSONB,
    "field10" BIGINT NOT NULL,
    "field11" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "field12" DECIMAL(20,8) NOT NULL,
    "field13" TIMESTAMPTZ(6),
    "field14" VARCHAR(255) NOT NULL,
    "field15" VARCHAR(255),
    "field16" TIMESTAMP(3) DEFAULT CURRENT_TIMESTAMP,
    "field17" TIMESTAMP(3) DEFAULT CURRENT_TIMESTAMP,
    "field18" TEXT NOT NULL,
    "field19" VARCHAR(255) NOT NULL,
    "field20" BOOLEAN DEFAULT false,
    "field21" DECIMAL(20,8) NOT NULL,
    "field22" VARCHAR(255) NOT NULL,
    "field23" DOUBLE PRECISION NOT NULL,
    "status" "Status2" NOT NULL DEFAULT 'VALUE_2_0',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "model0Id" TEXT,

    CONSTRAINT "model_3_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "model_4" (
    "id" TEXT NOT NULL,
    "field0" BYTEA NOT NULL,
    "field1" BIGINT NOT NULL,
    "field2" TIMESTAMPTZ(6),
    "field3" BYTEA,
    "field4" UUID NOT NULL,
    "field5" BIGINT NOT NULL,
    "field6" INTEGER NOT NULL,
    "field7" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "field8" BOOLEAN NOT NULL DEFAULT false,
    "field9" BYTEA NOT NULL,
    "field10" TEXT NOT NULL,
    "field11" TEXT NOT NULL,
    "field12" BOOLEAN NOT NULL DEFAULT false,
    "field13" TIMESTAMPTZ(6),
    "field14" TEXT,
    "field15" DECIMAL(20,8) NOT NULL,
    "field16" VARCHAR(255) NOT NULL,
    "status" "Status2" NOT NULL DEFAULT 'VALUE_2_0',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "model0Id" TEXT NOT NULL,

    CONSTRAINT "model_4_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "model_5" (
    "id" TEXT NOT NULL,
    "field0" TIMESTAMPTZ(6) NOT NULL,
    "field1" UUID NOT NULL,
    "field2" BYTEA NOT NULL,
    "field3" DECIMAL(20,8) NOT NULL,
    "field4" UUID,
    "field5" BYTEA,
    "field6" INTEGER NOT NULL,
    "field7" DOUBLE PRECISION NOT NULL,
    "field8" TEXT NOT NULL,
    "field9" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "field10" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "status" "Status5" NOT NULL DEFAULT 'VALUE_5_0',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "model3Id" TEXT,

    CONSTRAINT "model_5_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "model_6" (
    "id" TEXT NOT NULL,
    "field0" JSONB NOT NULL,
    "field1" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "field2" DOUBLE PRECISION NOT NULL,
    "field3" UUID NOT NULL,
    "field4" TEXT NOT NULL,
    "field5" TIMESTAMPTZ(6) NOT NULL,
    "field6" BOOLEAN NOT NULL DEFAULT false,
    "field7" DOUBLE PRECISION NOT NULL,
    "field8" VARCHAR(255),
    "field9" TIMESTAMPTZ(6) NOT NULL,
    "field10" TIMESTAMPTZ(6) NOT NULL,
    "status" "Status4" NOT NULL DEFAULT 'VALUE_4_0',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "model_6_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "model_7" (
    "id" TEXT NOT NULL,
    "field0" INTEGER NOT NULL,
    "field1" TIMESTAMPTZ(6) NOT NULL,
    "field2" INTEGER NOT NULL,
    "field4" BIGINT NOT NULL,
    "field5" VARCHAR(255) NOT NULL,
    "field6" INTEGER NOT NULL,
    "field7" BYTEA,
    "field8" JSONB NOT NULL,
    "field9" BIGINT,
    "field10" DOUBLE PRECISION NOT NULL,
    "field11" TEXT NOT NULL,
    "field12" BOOLEAN NOT NULL DEFAULT false,
    "field13" INTEGER NOT NULL,
    "field14" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "field15" VARCHAR(255) NOT NULL,
    "field16" TIMESTAMPTZ(6) NOT NULL,
    "field17" UUID,
    "field18" BIGINT NOT NULL,
    "added1" TEXT,
    "status" "Status1" NOT NULL DEFAULT 'VALUE_1_0',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "model_7_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "model_8" (
    "id" TEXT NOT NULL,
    "field0" VARCHAR(255) NOT NULL,
    "field1" BYTEA NOT NULL,
    "field2" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "field3" TEXT NOT NULL,
    "field4" TEXT NOT NULL,
    "field5" TEXT NOT NULL,
    "field6" JSONB NOT NULL,
    "field7" VARCHAR(255) NOT NULL,
    "field8" UUID,
    "field9" TIMESTAMPTZ(6),
    "field10" BOOLEAN NOT NULL DEFAULT false,
    "field11" TIMESTAMP(3) DEFAULT CURRENT_TIMESTAMP,
    "field12" TEXT,
    "field13" INTEGER,
    "field14" TIMESTAMPTZ(6),
    "field15" BYTEA,
    "field16" DECIMAL(20,8) NOT NULL,
    "field17" UUID NOT NULL,
    "field18" DOUBLE PRECISION,
    "field19" BOOLEAN NOT NULL DEFAULT false,
    "field20" VARCHAR(255) NOT NULL,
    "field21" BIGINT,
    "field22" TEXT NOT NULL,
    "status" "Status2" NOT NULL DEFAULT 'VALUE_2_0',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "model0Id" TEXT NOT NULL,

    CONSTRAINT "model_8_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "model_9" (
    "id" TEXT NOT NULL,
    "field0" VARCHAR(255),
    "field1" TEXT NOT NULL,
    "field2" UUID NOT NULL,
    "field3" TEXT,
    "field4" DOUBLE PRECISION NOT NULL,
    "field5" VARCHAR(255),
    "field6" JSONB NOT NULL,
    "field7" TEXT NOT NULL,
    "field8" DOUBLE PRECISION,
    "field9" BYTEA,
    "field10" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "field11" BOOLEAN DEFAULT false,
    "field12" BIGINT NOT NULL,
    "field13" TEXT,
    "field14" TIMESTAMPTZ(6) NOT NULL,
    "field15" VARCHAR(255) NOT NULL,
    "field16" BIGINT,
    "status" "Status3" NOT NULL DEFAULT 'VALUE_3_0',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "model5Id" TEXT,

    CONSTRAINT "model_9_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "model_10" (
    "id" TEXT NOT NULL,
    "field0" DOUBLE PRECISION NOT NULL,
    "field1" JSONB NOT NULL,
    "field2" DOUBLE PRECISION NOT NULL,
    "field3" VARCHAR(255),
    "field4" BIGINT NOT NULL,
    "field5" UUID,
    "field6" VARCHAR(255) NOT NULL,
    "field7" DECIMAL(20,8) NOT NULL,
    "field8" JSONB NOT NULL,
    "field9" VARCHAR(255),
    "field10" UUID NOT NULL,
    "field11" VARCHAR(255),
    "status" "Status0" NOT NULL DEFAULT 'VALUE_0_0',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "model4Id" TEXT NOT NULL,
    "model6Id" TEXT,

    CONSTRAINT "model_10_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "model_11" (
    "id" TEXT NOT NULL,
    "field0" BIGINT NOT NULL,
    "field1" VARCHAR(255) NOT NULL,
    "field2" BOOLEAN NOT NULL DEFAULT false,
    "field3" TEXT NOT NULL,
    "field4" TEXT NOT NULL,
    "field5" INTEGER NOT NULL,
    "field6" JSONB,
    "field7" UUID NOT NULL,
    "field8" TIMESTAMPTZ(6) NOT NULL,
    "field9" TEXT,
    "field10" INTEGER,
    "field11" UUID NOT NULL,
    "field12" VARCHAR(255),
    "field13" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "field14" DECIMAL(20,8) NOT NULL,
    "field15" JSONB,
    "field16" VARCHAR(255),
    "field17" TIMESTAMPTZ(6) NOT NULL,
    "status" "Status0" NOT NULL DEFAULT 'VALUE_0_0',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "model1Id" TEXT NOT NULL,
    "model4Id" TEXT,

    CONSTRAINT "model_11_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "model_12" (
    "id" TEXT NOT NULL,
    "field0" DOUBLE PRECISION NOT NULL,
    "field1" JSONB,
    "field2" UUID,
    "field3" VARCHAR(255) NOT NULL,
    "field4" DOUBLE PRECISION NOT NULL,
    "field5" DOUBLE PRECISION NOT NULL,
    "field6" UUID NOT NULL,
    "field7" VARCHAR(255) NOT NULL,
    "status" "Status0" NOT NULL DEFAULT 'VALUE_0_0',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "model3Id" TEXT NOT NULL,

    CONSTRAINT "model_12_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "model_13" (
    "id" TEXT NOT NULL,
    "field0" DECIMAL(20,8) NOT NULL,
    "field1" BYTEA NOT NULL,
    "field2" INTEGER,
    "field3" BYTEA,
    "field4" UUID NOT NULL,
    "field5" UUID NOT NULL,
    "field6" DOUBLE PRECISION NOT NULL,
    "field7" BYTEA,
    "field8" DECIMAL(20,8),
    "field9" TEXT,
    "field10" BOOLEAN DEFAULT false,
    "field11" DOUBLE PRECISION,
    "status" "Status0" NOT NULL DEFAULT 'VALUE_0_0',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "model7Id" TEXT NOT NULL,

    CONSTRAINT "model_13_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "model_14" (
    "id" TEXT NOT NULL,
    "field0" BOOLEAN NOT NULL DEFAULT false,
    "field1" UUID NOT NULL,
    "field2" BYTEA,
    "field3" VARCHAR(255),
    "field4" TIMESTAMP(3) DEFAULT CURRENT_TIMESTAMP,
    "field5" TEXT NOT NULL,
    "field6" DOUBLE PRECISION,
    "field7" INTEGER NOT NULL,
    "field8" JSONB,
    "field9" INTEGER NOT NULL,
    "field10" DOUBLE PRECISION,
    "status" "Status1" NOT NULL DEFAULT 'VALUE_1_0',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "model4Id" TEXT NOT NULL,
    "model10Id" TEXT,

    CONSTRAINT "model_14_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "model_15" (
    "id" TEXT NOT NULL,
    "field0" BIGINT NOT NULL,
    "field1" TIMESTAMP(3) DEFAULT CURRENT_TIMESTAMP,
    "field2" DECIMAL(20,8) NOT NULL,
    "field3" BYTEA NOT NULL,
    "field4" JSONB NOT NULL,
    "field5" TEXT NOT NULL,
    "field6" BIGINT NOT NULL,
    "field7" BIGINT,
    "field8" DECIMAL(20,8) NOT NULL,
    "field9" BYTEA NOT NULL,
    "field10" BOOLEAN DEFAULT false,
    "field11" INTEGER NOT NULL,
    "field12" INTEGER,
    "field13" BOOLEAN NOT NULL DEFAULT false,
    "field14" INTEGER,
    "field15" BIGINT NOT NULL,
    "field16" UUID NOT NULL,
    "field17" UUID,
    "field18" TIMESTAMP(3) DEFAULT CURRENT_TIMESTAMP,
    "field19" BYTEA NOT NULL,
    "field20" BYTEA,
    "field21" UUID NOT NULL,
    "field22" BYTEA,
    "field23" TIMESTAMP(3) DEFAULT CURRENT_TIMESTAMP,
    "status" "Status3" NOT NULL DEFAULT 'VALUE_3_0',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "model_15_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "model_16" (
    "id" TEXT NOT NULL,
    "field0" DOUBLE PRECISION NOT NULL,
    "field1" TIMESTAMPTZ(6) NOT NULL,
    "field2" DECIMAL(20,8) NOT NULL,
    "field3" INTEGER,
    "field4" TEXT NOT NULL,
    "field5" DECIMAL(20,8),
    "field6" INTEGER NOT NULL,
    "field7" BIGINT NOT NULL,
    "field8" TIMESTAMPTZ(6),
    "field9" JSONB,
    "status" "Status4" NOT NULL DEFAULT 'VALUE_4_0',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "model6Id" TEXT NOT NULL,

    CONSTRAINT "model_16_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "model_17" (
    "id" TEXT NOT NULL,
    "field0" DOUBLE PRECISION,
    "field1" INTEGER NOT NULL,
    "field2" BIGINT,
    "field3" BOOLEAN NOT NULL DEFAULT false,
    "field4" BYTEA NOT NULL,
    "field5" DOUBLE PRECISION NOT NULL,
    "field6" BOOLEAN DEFAULT false,
    "field7" VARCHAR(255),
    "field8" BOOLEAN NOT NULL DEFAULT false,
    "field9" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "field10" BYTEA NOT NULL,
    "field11" INTEGER NOT NULL,
    "field12" BYTEA NOT NULL,
    "field13" BOOLEAN NOT NULL DEFAULT false,
    "field14" BYTEA,
    "field15" UUID NOT NULL,
    "field16" INTEGER NOT NULL,
    "field17" BIGINT NOT NULL,
    "status" "Status4" NOT NULL DEFAULT 'VALUE_4_0',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "model5Id" TEXT,

    CONSTRAINT "model_17_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "model_18" (
    "id" TEXT NOT NULL,
    "field0" INTEGER NOT NULL,
    "field1" TIMESTAMPTZ(6) NOT NULL,
    "field2" DOUBLE PRECISION NOT NULL,
    "field3" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "field4" VARCHAR(255) NOT NULL,
    "field5" BOOLEAN DEFAULT false,
    "field6" INTEGER NOT NULL,
    "field7" VARCHAR(255),
    "field8" DECIMAL(20,8) NOT NULL,
    "field9" INTEGER NOT NULL,
    "field10" VARCHAR(255) NOT NULL,
    "field11" TIMESTAMPTZ(6),
    "field12" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "field13" BYTEA NOT NULL,
    "field14" DOUBLE PRECISION NOT NULL,
    "field15" TEXT NOT NULL,
    "field16" TIMESTAMPTZ(6) NOT NULL,
    "field17" VARCHAR(255) NOT NULL,
    "status" "Status0" NOT NULL DEFAULT 'VALUE_0_0',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "model10Id" TEXT,

    CONSTRAINT "model_18_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "model_19" (
    "id" TEXT NOT NULL,
    "field0" BOOLEAN DEFAULT false,
    "field1" VARCHAR(255) NOT NULL,
    "field2" UUID,
    "field3" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "field4" DOUBLE PRECISION NOT NULL,
    "field5" VARCHAR(255),
    "field6" BOOLEAN NOT NULL DEFAULT false,
    "field7" TEXT NOT NULL,
    "field8" TEXT,
    "status" "Status3" NOT NULL DEFAULT 'VALUE_3_0',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "model1Id" TEXT,
    "model8Id" TEXT,

    CONSTRAINT "model_19_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "model_20" (
    "id" TEXT NOT NULL,
    "field0" TIMESTAMPTZ(6),
    "field1" BOOLEAN NOT NULL DEFAULT false,
    "field2" TEXT NOT NULL,
    "field4" JSONB NOT NULL,
    "field5" INTEGER NOT NULL,
    "field6" UUID,
    "field7" BIGINT NOT NULL,
    "field8" DECIMAL(20,8) NOT NULL,
    "field9" VARCHAR(255) NOT NULL,
    "field10" BYTEA NOT NULL,
    "field11" BYTEA,
    "field12" TIMESTAMPTZ(6) NOT NULL,
    "field13" INTEGER NOT NULL,
    "field14" DOUBLE PRECISION NOT NULL,
    "field15" DECIMAL(20,8) NOT NULL,
    "field16" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "added1" TEXT,
    "status" "Status3" NOT NULL DEFAULT 'VALUE_3_0',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "model_20_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "model_21" (
    "id" TEXT NOT NULL,
    "field0" BYTEA NOT NULL,
    "field1" TEXT,
    "field2" DOUBLE PRECISION NOT NULL,
    "field3" TEXT NOT NULL,
    "field4" DECIMAL(20,8) NOT NULL,
    "field5" UUID NOT NULL,
    "field6" DECIMAL(20,8) NOT NULL,
    "field7" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "field8" BIGINT NOT NULL,
    "field9" BYTEA,
    "field10" INTEGER NOT NULL,
    "field11" BIGINT NOT NULL,
    "status" "Status0" NOT NULL DEFAULT 'VALUE_0_0',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "model16Id" TEXT NOT NULL,

    CONSTRAINT "model_21_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "model_22" (
    "id" TEXT NOT NULL,
    "field0" JSONB NOT NULL,
    "field1" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "field2" INTEGER,
    "field3" JSONB NOT NULL,
    "field4" UUID,
    "field5" INTEGER NOT NULL,
    "field6" UUID,
    "field7" TEXT NOT NULL,
    "field8" UUID NOT NULL,
    "field9" BIGINT NOT NULL,
    "field10" JSONB,
    "field11" TIMESTAMPTZ(6),
    "field12" UUID NOT NULL,
    "field13" TEXT,
    "field14" BOOLEAN DEFAULT false,
    "field15" VARCHAR(255) NOT NULL,
    "field16" UUID NOT NULL,
    "field17" BYTEA NOT NULL,
    "field18" TEXT NOT NULL,
    "status" "Status3" NOT NULL DEFAULT 'VALUE_3_0',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "model0Id" TEXT NOT NULL,
    "model2Id" TEXT NOT NULL,

    CONSTRAINT "model_22_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "model_23" (
    "id" TEXT NOT NULL,
    "field0" DECIMAL(20,8) NOT NULL,
    "field1" JSONB NOT NULL,
    "field2" BYTEA NOT NULL,
    "field3" DOUBLE PRECISION NOT NULL,
    "field4" DECIMAL(20,8),
    "field5" INTEGER NOT NULL,
    "field6" BOOLEAN NOT NULL DEFAULT false,
    "field7" VARCHAR(255) NOT NULL,
    "field8" TEXT,
    "field9" INTEGER NOT NULL,
    "field10" DECIMAL(20,8) NOT NULL,
    "field11" UUID NOT NULL,
    "status" "Status2" NOT NULL DEFAULT 'VALUE_2_0',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "model_23_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "model_24" (
    "id" TEXT NOT NULL,
    "field0" INTEGER NOT NULL,
    "field1" DECIMAL(20,8) NOT NULL,
    "field2" VARCHAR(255),
    "field3" BOOLEAN NOT NULL DEFAULT false,
    "field4" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "field5" TEXT NOT NULL,
    "field6" BYTEA,
    "field7" UUID,
    "field8" DECIMAL(20,8) NOT NULL,
    "field9" VARCHAR(255),
    "field10" BOOLEAN NOT NULL DEFAULT false,
    "field11" VARCHAR(255) NOT NULL,
    "status" "Status4" NOT NULL DEFAULT 'VALUE_4_0',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "model11Id" TEXT NOT NULL,

    CONSTRAINT "model_24_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "model_25" (
    "id" TEXT NOT NULL,
    "field0" UUID NOT NULL,
    "field1" TIMESTAMPTZ(6) NOT NULL,
    "field2" BIGINT,
    "field3" TIMESTAMPTZ(6) NOT NULL,
    "field4" TIMESTAMPTZ(6),
    "field5" INTEGER,
    "field6" TIMESTAMPTZ(6) NOT NULL,
    "field7" DOUBLE PRECISION,
    "field8" TEXT NOT NULL,
    "field9" INTEGER,
    "field10" BIGINT NOT NULL,
    "field11" BIGINT NOT NULL,
    "field12" TIMESTAMPTZ(6) NOT NULL,
    "field13" VARCHAR(255) NOT NULL,
    "field14" DOUBLE PRECISION NOT NULL,
    "field15" UUID NOT NULL,
    "field16" TIMESTAMPTZ(6) NOT NULL,
    "field17" TIMESTAMPTZ(6) NOT NULL,
    "field18" BOOLEAN NOT NULL DEFAULT false,
    "field19" VARCHAR(255) NOT NULL,
    "status" "Status4" NOT NULL DEFAULT 'VALUE_4_0',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "model2Id" TEXT,

    CONSTRAINT "model_25_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "model_26" (
    "id" TEXT NOT NULL,
    "field0" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "field1" INTEGER,
    "field2" JSONB NOT NULL,
    "field3" UUID NOT NULL,
    "field4" TIMESTAMPTZ(6) NOT NULL,
    "field5" DOUBLE PRECISION,
    "field6" INTEGER NOT NULL,
    "field7" INTEGER NOT NULL,
    "field8" DECIMAL(20,8),
    "field9" INTEGER NOT NULL,
    "field10" DOUBLE PRECISION NOT NULL,
    "field11" VARCHAR(255) NOT NULL,
    "field12" TEXT NOT NULL,
    "field13" UUID,
    "status" "Status2" NOT NULL DEFAULT 'VALUE_2_0',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "model7Id" TEXT,

    CONSTRAINT "model_26_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "model_27" (
    "id" TEXT NOT NULL,
    "field0" DECIMAL(20,8),
    "field1" TIMESTAMPTZ(6) NOT NULL,
    "field2" DOUBLE PRECISION NOT NULL,
    "field3" BOOLEAN NOT NULL DEFAULT false,
    "field4" DECIMAL(20,8) NOT NULL,
    "field5" DOUBLE PRECISION,
    "field6" VARCHAR(255) NOT NULL,
    "field7" TIMESTAMPTZ(6) NOT NULL,
    "field8" UUID,
    "field9" TIMESTAMPTZ(6) NOT NULL,
    "field10" JSONB NOT NULL,
    "field11" JSONB,
    "field12" UUID NOT NULL,
    "field13" INTEGER NOT NULL,
    "field14" DECIMAL(20,8) NOT NULL,
    "field15" TIMESTAMP(3) DEFAULT CURRENT_TIMESTAMP,
    "field16" TEXT,
    "field17" VARCHAR(255) NOT NULL,
    "field18" UUID NOT NULL,
    "field19" TIMESTAMPTZ(6) NOT NULL,
    "field20" DECIMAL(20,8) NOT NULL,
    "field21" TEXT NOT NULL,
    "status" "Status1" NOT NULL DEFAULT 'VALUE_1_0',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "model0Id" TEXT NOT NULL,
    "model4Id" TEXT NOT NULL,

    CONSTRAINT "model_27_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "model_28" (
    "id" TEXT NOT NULL,
    "field0" BIGINT NOT NULL,
    "field1" BYTEA NOT NULL,
    "field2" JSONB NOT NULL,
    "field3" BOOLEAN NOT NULL DEFAULT false,
    "field4" BOOLEAN NOT NULL DEFAULT false,
    "field5" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "field6" INTEGER NOT NULL,
    "field7" BIGINT NOT NULL,
    "field8" UUID NOT NULL,
    "field9" INTEGER NOT NULL,
    "field10" VARCHAR(255) NOT NULL,
    "field11" BIGINT NOT NULL,
    "field12" VARCHAR(255) NOT NULL,
    "field13" JSONB NOT NULL,
    "field14" BIGINT,
    "status" "Status4" NOT NULL DEFAULT 'VALUE_4_0',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "model14Id" TEXT NOT NULL,

    CONSTRAINT "model_28_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "model_29" (
    "id" TEXT NOT NULL,
    "field0" VARCHAR(255) NOT NULL,
    "field1" INTEGER NOT NULL,
    "field2" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "field3" UUID,
    "field4" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "field5" DOUBLE PRECISION NOT NULL,
    "field6" BOOLEAN NOT NULL DEFAULT false,
    "field7" UUID NOT NULL,
    "field8" BIGINT NOT NULL,
    "field9" DECIMAL(20,8) NOT NULL,
    "field10" BIGINT NOT NULL,
    "field11" VARCHAR(255),
    "field12" BYTEA,
    "field13" INTEGER NOT NULL,
    "field14" BOOLEAN DEFAULT false,
    "field15" BIGINT NOT NULL,
    "field16" INTEGER,
    "field17" VARCHAR(255) NOT NULL,
    "status" "Status5" NOT NULL DEFAULT 'VALUE_5_0',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "model_29_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "model_30" (
    "id" TEXT NOT NULL,
    "field0" BIGINT,
    "field1" DECIMAL(20,8),
    "field2" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "field3" DECIMAL(20,8),
    "field4" BOOLEAN NOT NULL DEFAULT false,
    "field5" TEXT NOT NULL,
    "field6" TIMESTAMP(3) DEFAULT CURRENT_TIMESTAMP,
    "field7" DECIMAL(20,8),
    "field8" TIMESTAMPTZ(6) NOT NULL,
    "field9" TEXT NOT NULL,
    "field10" TIMESTAMPTZ(6) NOT NULL,
    "field11" BOOLEAN NOT NULL DEFAULT false,
    "field12" TEXT NOT NULL,
    "field13" TIMESTAMPTZ(6) NOT NULL,
    "field14" DOUBLE PRECISION,
    "field15" DOUBLE PRECISION NOT NULL,
    "field16" BOOLEAN DEFAULT false,
    "field17" UUID NOT NULL,
    "field18" TIMESTAMP(3) DEFAULT CURRENT_TIMESTAMP,
    "field19" VARCHAR(255) NOT NULL,
    "field20" DECIMAL(20,8),
    "field21" DOUBLE PRECISION,
    "status" "Status5" NOT NULL DEFAULT 'VALUE_5_0',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "model2Id" TEXT NOT NULL,
    "model19Id" TEXT,

    CONSTRAINT "model_30_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "model_31" (
    "id" TEXT NOT NULL,
    "field0" VARCHAR(255) NOT NULL,
    "field1" VARCHAR(255) NOT NULL,
    "field2" VARCHAR(255) NOT NULL,
    "field3" UUID NOT NULL,
    "field4" VARCHAR(255),
    "field5" UUID,
    "field6" VARCHAR(255),
    "field7" JSONB NOT NULL,
    "field8" DOUBLE PRECISION,
    "field9" DECIMAL(20,8) NOT NULL,
    "field10" BOOLEAN DEFAULT false,
    "field11" TEXT NOT NULL,
    "field12" UUID NOT NULL,
    "field13" TIMESTAMPTZ(6) NOT NULL,
    "field14" BYTEA NOT NULL,
    "field15" INTEGER,
    "field16" VARCHAR(255) NOT NULL,
    "field17" INTEGER NOT NULL,
    "field18" INTEGER NOT NULL,
    "field19" VARCHAR(255) NOT NULL,
    "status" "Status4" NOT NULL DEFAULT 'VALUE_4_0',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "model12Id" TEXT,
    "model23Id" TEXT,

    CONSTRAINT "model_31_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "model_32" (
    "id" TEXT NOT NULL,
    "field0" TIMESTAMPTZ(6) NOT NULL,
    "field1" TIMESTAMP(3) DEFAULT CURRENT_TIMESTAMP,
    "field2" DOUBLE PRECISION,
    "field3" BIGINT NOT NULL,
    "field4" JSONB,
    "field5" BIGINT,
    "field6" BYTEA,
    "field7" UUID NOT NULL,
    "field8" VARCHAR(255),
    "field9" TIMESTAMPTZ(6) NOT NULL,
    "field10" VARCHAR(255) NOT NULL,
    "field11" VARCHAR(255),
    "field12" DOUBLE PRECISION,
    "field13" TEXT NOT NULL,
    "field14" JSONB NOT NULL,
    "status" "Status4" NOT NULL DEFAULT 'VALUE_4_0',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "model_32_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "model_33" (
    "id" TEXT NOT NULL,
    "field0" BYTEA NOT NULL,
    "field1" TEXT NOT NULL,
    "field2" BYTEA NOT NULL,
    "field3" INTEGER,
    "field4" BIGINT NOT NULL,
    "field5" DECIMAL(20,8) NOT NULL,
    "field6" DOUBLE PRECISION,
    "field7" DECIMAL(20,8),
    "field8" DOUBLE PRECISION,
    "field9" UUID NOT NULL,
    "field10" INTEGER,
    "field11" TIMESTAMP(3) DEFAULT CURRENT_TIMESTAMP,
    "field12" UUID,
    "field13" INTEGER,
    "field14" DECIMAL(20,8),
    "field15" TIMESTAMPTZ(6) NOT NULL,
    "field16" BIGINT,
    "field17" JSONB NOT NULL,
    "field18" BIGINT,
    "field19" UUID NOT NULL,
    "status" "Status5" NOT NULL DEFAULT 'VALUE_5_0',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "model_33_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "model_34" (
    "id" TEXT NOT NULL,
    "field0" BYTEA NOT NULL,
    "field1" BIGINT NOT NULL,
    "field2" BYTEA,
    "field3" DECIMAL(20,8) NOT NULL,
    "field4" TIMESTAMPTZ(6) NOT NULL,
    "field5" BOOLEAN NOT NULL DEFAULT false,
    "field6" VARCHAR(255),
    "field7" DOUBLE PRECISION,
    "field8" TEXT NOT NULL,
    "field9" UUID NOT NULL,
    "field10" DECIMAL(20,8) NOT NULL,
    "field11" UUID NOT NULL,
    "field12" INTEGER NOT NULL,
    "field13" UUID,
    "field14" UUID NOT NULL,
    "field15" TIMESTAMPTZ(6) NOT NULL,
    "status" "Status0" NOT NULL DEFAULT 'VALUE_0_0',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "model1Id" TEXT NOT NULL,
    "model15Id" TEXT NOT NULL,

    CONSTRAINT "model_34_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "model_35" (
    "id" TEXT NOT NULL,
    "field0" BIGINT NOT NULL,
    "field1" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "field2" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "field3" BIGINT NOT NULL,
    "field4" TEXT NOT NULL,
    "field5" BYTEA,
    "field6" INTEGER NOT NULL,
    "field7" BOOLEAN NOT NULL DEFAULT false,
    "field8" INTEGER NOT NULL,
    "field9" BOOLEAN DEFAULT false,
    "field10" TIMESTAMPTZ(6) NOT NULL,
    "field11" JSONB,
    "field12" DOUBLE PRECISION NOT NULL,
    "status" "Status3" NOT NULL DEFAULT 'VALUE_3_0',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "model_35_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "model_36" (
    "id" TEXT NOT NULL,
    "field0" JSONB,
    "field1" TIMESTAMPTZ(6) NOT NULL,
    "field2" VARCHAR(255),
    "field3" BOOLEAN NOT NULL DEFAULT false,
    "field4" BIGINT,
    "field5" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "field6" BIGINT NOT NULL,
    "field7" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "field8" BIGINT NOT NULL,
    "field9" JSONB,
    "status" "Status3" NOT NULL DEFAULT 'VALUE_3_0',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "model6Id" TEXT NOT NULL,

    CONSTRAINT "model_36_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "model_37" (
    "id" TEXT NOT NULL,
    "field0" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "field1" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "field2" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "field3" DOUBLE PRECISION NOT NULL,
    "field4" TIMESTAMPTZ(6) NOT NULL,
    "field5" BOOLEAN NOT NULL DEFAULT false,
    "field6" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "field7" INTEGER NOT NULL,
    "field8" TIMESTAMPTZ(6) NOT NULL,
    "field9" UUID NOT NULL,
    "field10" DECIMAL(20,8),
    "field11" BYTEA NOT NULL,
    "field12" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "field13" TIMESTAMPTZ(6) NOT NULL,
    "field14" DOUBLE PRECISION,
    "field15" JSONB,
    "field16" INTEGER NOT NULL,
    "field17" TIMESTAMP(3) DEFAULT CURRENT_TIMESTAMP,
    "field18" INTEGER NOT NULL,
    "field19" BYTEA NOT NULL,
    "field20" JSONB NOT NULL,
    "field21" TEXT NOT NULL,
    "status" "Status0" NOT NULL DEFAULT 'VALUE_0_0',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "model19Id" TEXT NOT NULL,

    CONSTRAINT "model_37_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "model_38" (
    "id" TEXT NOT NULL,
    "field0" VARCHAR(255) NOT NULL,
    "field1" BYTEA,
    "field2" BIGINT NOT NULL,
    "field3" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "field4" BOOLEAN NOT NULL DEFAULT false,
    "field5" BIGINT,
    "field6" TEXT,
    "field7" BIGINT NOT NULL,
    "field8" UUID,
    "field9" BIGINT,
    "status" "Status2" NOT NULL DEFAULT 'VALUE_2_0',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "model31Id" TEXT,

    CONSTRAINT "model_38_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "model_39" (
    "id" TEXT NOT NULL,
    "field0" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "field1" DECIMAL(20,8),
    "field2" BIGINT,
    "field3" BOOLEAN NOT NULL DEFAULT false,
    "field4" TIMESTAMPTZ(6) NOT NULL,
    "field5" DECIMAL(20,8) NOT NULL,
    "field6" BOOLEAN DEFAULT false,
    "field7" INTEGER NOT NULL,
    "field8" BYTEA NOT NULL,
    "field9" BIGINT,
    "field10" TIMESTAMPTZ(6) NOT NULL,
    "status" "Status2" NOT NULL DEFAULT 'VALUE_2_0',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "model26Id" TEXT NOT NULL,

    CONSTRAINT "model_39_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "model_40" (
    "id" TEXT NOT NULL,
    "field0" VARCHAR(255) NOT NULL,
    "field1" JSONB NOT NULL,
    "field2" VARCHAR(255) NOT NULL,
    "field3" DOUBLE PRECISION,
    "field4" UUID NOT NULL,
    "field5" VARCHAR(255) NOT NULL,
    "field6" INTEGER NOT NULL,
    "field7" DOUBLE PRECISION,
    "field8" BOOLEAN DEFAULT false,
    "field9" DOUBLE PRECISION,
    "field10" BYTEA,
    "field11" UUID,
    "field12" VARCHAR(255),
    "field13" TIMESTAMP(3) DEFAULT CURRENT_TIMESTAMP,
    "field14" BOOLEAN NOT NULL DEFAULT false,
    "field15" VARCHAR(255),
    "field16" UUID NOT NULL,
    "field17" JSONB NOT NULL,
    "field18" DECIMAL(20,8) NOT NULL,
    "status" "Status5" NOT NULL DEFAULT 'VALUE_5_0',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "model_40_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "model_41" (
    "id" TEXT NOT NULL,
    "field0" BOOLEAN NOT NULL DEFAULT false,
    "field1" TIMESTAMP(3) DEFAULT CURRENT_TIMESTAMP,
    "field2" DOUBLE PRECISION NOT NULL,
    "field3" DECIMAL(20,8) NOT NULL,
    "field4" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "field5" DOUBLE PRECISION NOT NULL,
    "field6" JSONB,
    "field7" DECIMAL(20,8),
    "field8" BOOLEAN DEFAULT false,
    "field9" DOUBLE PRECISION,
    "field10" JSONB,
    "field11" TIMESTAMPTZ(6) NOT NULL,
    "status" "Status0" NOT NULL DEFAULT 'VALUE_0_0',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "model_41_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "model_42" (
    "id" TEXT NOT NULL,
    "field0" UUID NOT NULL,
    "field1" BIGINT,
    "field2" DOUBLE PRECISION,
    "field3" BYTEA,
    "field4" TEXT NOT NULL,
    "field5" DECIMAL(20,8) NOT NULL,
    "field6" BYTEA,
    "field7" BYTEA NOT NULL,
    "field8" BIGINT,
    "field9" BOOLEAN NOT NULL DEFAULT false,
    "field10" BYTEA NOT NULL,
    "field11" DECIMAL(20,8) NOT NULL,
    "field12" TEXT NOT NULL,
    "field13" UUID NOT NULL,
    "field14" BOOLEAN DEFAULT false,
    "field15" JSONB,
    "field16" JSONB NOT NULL,
    "field17" BIGINT NOT NULL,
    "field18" UUID NOT NULL,
    "field19" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "field20" DOUBLE PRECISION,
    "status" "Status2" NOT NULL DEFAULT 'VALUE_2_0',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "model29Id" TEXT,

    CONSTRAINT "model_42_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "model_43" (
    "id" TEXT NOT NULL,
    "field0" TEXT NOT NULL,
    "field1" TIMESTAMP(3) DEFAULT CURRENT_TIMESTAMP,
    "field2" JSONB NOT NULL,
    "field3" DECIMAL(20,8) NOT NULL,
    "field4" DOUBLE PRECISION NOT NULL,
    "field5" TEXT NOT NULL,
    "field6" TIMESTAMP(3) DEFAULT CURRENT_TIMESTAMP,
    "field7" BOOLEAN NOT NULL DEFAULT false,
    "field8" JSONB,
    "field9" TEXT NOT NULL,
    "field10" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "status" "Status4" NOT NULL DEFAULT 'VALUE_4_0',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "model22Id" TEXT NOT NULL,
    "model36Id" TEXT,

    CONSTRAINT "model_43_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "model_44" (
    "id" TEXT NOT NULL,
    "field0" JSONB NOT NULL,
    "field1" JSONB NOT NULL,
    "field2" JSONB,
    "field3" BYTEA,
    "field4" TIMESTAMPTZ(6),
    "field5" VARCHAR(255),
    "field6" VARCHAR(255) NOT NULL,
    "field7" BIGINT NOT NULL,
    "field8" INTEGER NOT NULL,
    "field9" TEXT NOT NULL,
    "field10" TIMESTAMP(3) DEFAULT CURRENT_TIMESTAMP,
    "field11" UUID,
    "field12" DECIMAL(20,8) NOT NULL,
    "field13" BOOLEAN NOT NULL DEFAULT false,
    "field14" TEXT NOT NULL,
    "field15" TIMESTAMPTZ(6) NOT NULL,
    "status" "Status5" NOT NULL DEFAULT 'VALUE_5_0',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "model24Id" TEXT NOT NULL,

    CONSTRAINT "model_44_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "model_45" (
    "id" TEXT NOT NULL,
    "field0" VARCHAR(255) NOT NULL,
    "field1" UUID NOT NULL,
    "field2" TEXT NOT NULL,
    "field4" TEXT,
    "field5" TIMESTAMP(3) DEFAULT CURRENT_TIMESTAMP,
    "field6" DECIMAL(20,8) NOT NULL,
    "field7" TEXT,
    "field8" TIMESTAMPTZ(6) NOT NULL,
    "field9" BOOLEAN NOT NULL DEFAULT false,
    "field10" TEXT NOT NULL,
    "field11" BOOLEAN NOT NULL DEFAULT false,
    "field12" BOOLEAN NOT NULL DEFAULT false,
    "field13" TIMESTAMP(3) DEFAULT CURRENT_TIMESTAMP,
    "field14" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "field15" DECIMAL(20,8) NOT NULL,
    "field16" BIGINT NOT NULL,
    "field17" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "field18" JSONB NOT NULL,
    "field19" UUID NOT NULL,
    "field20" BOOLEAN NOT NULL DEFAULT false,
    "field21" DECIMAL(20,8),
    "field22" BIGINT NOT NULL,
    "added1" TEXT,
    "status" "Status2" NOT NULL DEFAULT 'VALUE_2_0',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "model_45_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "model_46" (
    "id" TEXT NOT NULL,
    "field0" BYTEA NOT NULL,
    "field1" DECIMAL(20,8) NOT NULL,
    "field2" JSONB,
    "field3" INTEGER,
    "field4" BOOLEAN NOT NULL DEFAULT false,
    "field5" BYTEA NOT NULL,
    "field6" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "field7" TEXT NOT NULL,
    "field8" TEXT,
    "field9" JSONB NOT NULL,
    "field10" TIMESTAMPTZ(6),
    "field11" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "field12" DECIMAL(20,8),
    "field13" VARCHAR(255),
    "field14" BOOLEAN NOT NULL DEFAULT false,
    "field15" BOOLEAN NOT NULL DEFAULT false,
    "field16" BOOLEAN NOT NULL DEFAULT false,
    "field17" DOUBLE PRECISION,
    "field18" BIGINT NOT NULL,
    "status" "Status2" NOT NULL DEFAULT 'VALUE_2_0',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "model6Id" TEXT NOT NULL,

    CONSTRAINT "model_46_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "model_47" (
    "id" TEXT NOT NULL,
    "field0" INTEGER,
    "field1" TEXT NOT NULL,
    "field2" INTEGER NOT NULL,
    "field3" TIMESTAMPTZ(6) NOT NULL,
    "field4" UUID,
    "field5" JSONB NOT NULL,
    "field6" TEXT NOT NULL,
    "field7" BIGINT NOT NULL,
    "field8" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "field9" DECIMAL(20,8) NOT NULL,
    "field10" TEXT NOT NULL,
    "field11" DECIMAL(20,8) NOT NULL,
    "status" "Status4" NOT NULL DEFAULT 'VALUE_4_0',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "model2Id" TEXT,
    "model22Id" TEXT,

    CONSTRAINT "model_47_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "model_48" (
    "id" TEXT NOT NULL,
    "field0" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "field1" JSONB NOT NULL,
    "field2" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "field3" BIGINT,
    "field4" BYTEA NOT NULL,
    "field5" INTEGER NOT NULL,
    "field6" DECIMAL(20,8) NOT NULL,
    "field7" DECIMAL(20,8) NOT NULL,
    "field8" JSONB,
    "field9" DECIMAL(20,8) NOT NULL,
    "field10" BIGINT NOT NULL,
    "field11" VARCHAR(255) NOT NULL,
    "field12" TIMESTAMPTZ(6),
    "field13" DOUBLE PRECISION NOT NULL,
    "field14" TIMESTAMPTZ(6) NOT NULL,
    "field15" BYTEA NOT NULL,
    "field16" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "field17" TEXT NOT NULL,
    "field18" BYTEA,
    "field19" INTEGER,
    "status" "Status3" NOT NULL DEFAULT 'VALUE_3_0',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "model13Id" TEXT NOT NULL,

    CONSTRAINT "model_48_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "model_49" (
    "id" TEXT NOT NULL,
    "field0" UUID,
    "field1" DECIMAL(20,8),
    "field2" BYTEA NOT NULL,
    "field3" TEXT,
    "field4" TEXT NOT NULL,
    "field5" BIGINT NOT NULL,
    "field6" JSONB,
    "field7" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "field8" JSONB NOT NULL,
    "field9" BIGINT NOT NULL,
    "field10" TEXT NOT NULL,
    "status" "Status3" NOT NULL DEFAULT 'VALUE_3_0',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "model19Id" TEXT,

    CONSTRAINT "model_49_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "model_50" (
    "id" TEXT NOT NULL,
    "field0" DECIMAL(20,8) NOT NULL,
    "field1" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "field2" JSONB NOT NULL,
    "field3" TIMESTAMPTZ(6) NOT NULL,
    "field4" BIGINT,
    "field5" TIMESTAMPTZ(6),
    "field6" VARCHAR(255) NOT NULL,
    "field7" BOOLEAN DEFAULT false,
    "field8" JSONB NOT NULL,
    "field9" VARCHAR(255) NOT NULL,
    "field10" BYTEA NOT NULL,
    "status" "Status3" NOT NULL DEFAULT 'VALUE_3_0',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "model40Id" TEXT NOT NULL,

    CONSTRAINT "model_50_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "model_51" (
    "id" TEXT NOT NULL,
    "field0" BYTEA NOT NULL,
    "field1" BYTEA NOT NULL,
    "field2" INTEGER NOT NULL,
    "field3" BIGINT NOT NULL,
    "field4" DOUBLE PRECISION,
    "field5" BOOLEAN DEFAULT false,
    "field6" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "field7" INTEGER NOT NULL,
    "field8" UUID NOT NULL,
    "field9" BOOLEAN DEFAULT false,
    "status" "Status0" NOT NULL DEFAULT 'VALUE_0_0',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "model21Id" TEXT NOT NULL,
    "model32Id" TEXT NOT NULL,

    CONSTRAINT "model_51_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "model_52" (
    "id" TEXT NOT NULL,
    "field0" DOUBLE PRECISION,
    "field1" BIGINT NOT NULL,
    "field2" TEXT NOT NULL,
    "field3" TIMESTAMPTZ(6) NOT NULL,
    "field4" DOUBLE PRECISION NOT NULL,
    "field5" BOOLEAN NOT NULL DEFAULT false,
    "field6" UUID NOT NULL,
    "field7" JSONB NOT NULL,
    "field8" BOOLEAN NOT NULL DEFAULT false,
    "field9" TIMESTAMPTZ(6),
    "field10" UUID NOT NULL,
    "field11" DECIMAL(20,8),
    "field12" BIGINT,
    "field13" DECIMAL(20,8) NOT NULL,
    "field14" VARCHAR(255) NOT NULL,
    "status" "Status0" NOT NULL DEFAULT 'VALUE_0_0',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "model16Id" TEXT NOT NULL,
    "model28Id" TEXT,

    CONSTRAINT "model_52_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "model_53" (
    "id" TEXT NOT NULL,
    "field0" BOOLEAN NOT NULL DEFAULT false,
    "field1" UUID NOT NULL,
    "field2" BOOLEAN NOT NULL DEFAULT false,
    "field3" BYTEA NOT NULL,
    "field4" JSONB NOT NULL,
    "field5" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "field6" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "field7" BOOLEAN DEFAULT false,
    "field8" UUID NOT NULL,
    "field9" BIGINT NOT NULL,
    "field10" BYTEA NOT NULL,
    "field11" UUID,
    "field12" UUID NOT NULL,
    "field13" VARCHAR(255) NOT NULL,
    "field14" VARCHAR(255) NOT NULL,
    "status" "Status1" NOT NULL DEFAULT 'VALUE_1_0',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "model_53_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "model_54" (
    "id" TEXT NOT NULL,
    "field0" JSONB NOT NULL,
    "field1" TEXT NOT NULL,
    "field2" BYTEA,
    "field3" VARCHAR(255) NOT NULL,
    "field4" BIGINT NOT NULL,
    "field5" BOOLEAN NOT NULL DEFAULT false,
    "field6" VARCHAR(255) NOT NULL,
    "field7" VARCHAR(255) NOT NULL,
    "field8" BIGINT NOT NULL,
    "field9" TIMESTAMP(3) DEFAULT CURRENT_TIMESTAMP,
    "field10" BOOLEAN NOT NULL DEFAULT false,
    "field11" JSONB,
    "field12" TEXT NOT NULL,
    "field13" VARCHAR(255) NOT NULL,
    "field14" TEXT NOT NULL,
    "field15" DOUBLE PRECISION,
    "field16" TIMESTAMPTZ(6) NOT NULL,
    "field17" INTEGER NOT NULL,
    "field18" DECIMAL(20,8) NOT NULL,
    "field19" BYTEA NOT NULL,
    "field20" VARCHAR(255) NOT NULL,
    "field21" BOOLEAN NOT NULL DEFAULT false,
    "status" "Status5" NOT NULL DEFAULT 'VALUE_5_0',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "model9Id" TEXT,
    "model37Id" TEXT,

    CONSTRAINT "model_54_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "model_55" (
    "id" TEXT NOT NULL,
    "field0" UUID,
    "field1" DOUBLE PRECISION,
    "field2" BYTEA NOT NULL,
    "field3" TEXT NOT NULL,
    "field4" BOOLEAN NOT NULL DEFAULT false,
    "field5" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "field6" JSONB NOT NULL,
    "field7" TIMESTAMPTZ(6) NOT NULL,
    "field8" BIGINT NOT NULL,
    "field9" BOOLEAN DEFAULT false,
    "field10" BIGINT NOT NULL,
    "field11" VARCHAR(255) NOT NULL,
    "field12" TEXT NOT NULL,
    "field13" UUID,
    "field14" UUID NOT NULL,
    "field15" VARCHAR(255),
    "field16" TIMESTAMPTZ(6) NOT NULL,
    "field17" BIGINT,
    "field18" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "status" "Status1" NOT NULL DEFAULT 'VALUE_1_0',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "model36Id" TEXT,

    CONSTRAINT "model_55_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "model_56" (
    "id" TEXT NOT NULL,
    "field0" BOOLEAN NOT NULL DEFAULT false,
    "field1" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "field2" TEXT NOT NULL,
    "field3" BOOLEAN NOT NULL DEFAULT false,
    "field4" INTEGER,
    "field5" INTEGER NOT NULL,
    "field6" JSONB NOT NULL,
    "field7" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "field8" BIGINT NOT NULL,
    "field9" VARCHAR(255) NOT NULL,
    "field10" TEXT,
    "field11" BIGINT NOT NULL,
    "field12" DOUBLE PRECISION NOT NULL,
    "field13" BYTEA NOT NULL,
    "field14" DECIMAL(20,8),
    "field15" BYTEA,
    "field16" DECIMAL(20,8) NOT NULL,
    "field17" TIMESTAMP(3) DEFAULT CURRENT_TIMESTAMP,
    "status" "Status5" NOT NULL DEFAULT 'VALUE_5_0',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "model37Id" TEXT NOT NULL,
    "model48Id" TEXT,

    CONSTRAINT "model_56_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "model_57" (
    "id" TEXT NOT NULL,
    "field0" BOOLEAN NOT NULL DEFAULT false,
    "field1" DOUBLE PRECISION,
    "field2" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "field3" VARCHAR(255) NOT NULL,
    "field4" UUID,
    "field5" INTEGER,
    "field6" INTEGER,
    "field7" TIMESTAMPTZ(6) NOT NULL,
    "field8" UUID,
    "field9" BYTEA NOT NULL,
    "field10" JSONB,
    "field11" TIMESTAMPTZ(6) NOT NULL,
    "field12" BIGINT,
    "field13" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "field14" JSONB NOT NULL,
    "field15" TIMESTAMPTZ(6) NOT NULL,
    "field16" DOUBLE PRECISION,
    "field17" DOUBLE PRECISION,
    "field18" TEXT,
    "status" "Status0" NOT NULL DEFAULT 'VALUE_0_0',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "model3Id" TEXT NOT NULL,
    "model21Id" TEXT,

    CONSTRAINT "model_57_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "model_58" (
    "id" TEXT NOT NULL,
    "field0" TIMESTAMPTZ(6) NOT NULL,
    "field1" BOOLEAN NOT NULL DEFAULT false,
    "field2" DOUBLE PRECISION NOT NULL,
    "field3" DECIMAL(20,8) NOT NULL,
    "field4" VARCHAR(255),
    "field5" BIGINT NOT NULL,
    "field6" JSONB NOT NULL,
    "field7" TEXT NOT NULL,
    "field8" TIMESTAMPTZ(6),
    "status" "Status1" NOT NULL DEFAULT 'VALUE_1_0',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "model50Id" TEXT NOT NULL,

    CONSTRAINT "model_58_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "model_59" (
    "id" TEXT NOT NULL,
    "field0" BIGINT NOT NULL,
    "field1" BYTEA NOT NULL,
    "field2" TEXT NOT NULL,
    "field3" DECIMAL(20,8),
    "field4" VARCHAR(255) NOT NULL,
    "field5" DECIMAL(20,8),
    "field6" BOOLEAN NOT NULL DEFAULT false,
    "field7" TEXT,
    "field8" UUID,
    "field9" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "field10" VARCHAR(255) NOT NULL,
    "field11" BYTEA NOT NULL,
    "field12" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "field13" VARCHAR(255),
    "field14" TIMESTAMPTZ(6) NOT NULL,
    "field15" INTEGER NOT NULL,
    "field16" TEXT NOT NULL,
    "status" "Status2" NOT NULL DEFAULT 'VALUE_2_0',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "model35Id" TEXT,
    "model39Id" TEXT,

    CONSTRAINT "model_59_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "model_0_createdAt_idx" ON "model_0"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "model_0_field0_field1_key" ON "model_0"("field0", "field1");

-- CreateIndex
CREATE INDEX "model_1_createdAt_idx" ON "model_1"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "model_1_field0_field1_key" ON "model_1"("field0", "field1");

-- CreateIndex
CREATE INDEX "model_2_createdAt_idx" ON "model_2"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "model_2_field0_field1_key" ON "model_2"("field0", "field1");

-- CreateIndex
CREATE INDEX "model_3_createdAt_idx" ON "model_3"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "model_3_field0_field1_key" ON "model_3"("field0", "field1");

-- CreateIndex
CREATE INDEX "model_4_createdAt_idx" ON "model_4"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "model_4_field0_field1_key" ON "model_4"("field0", "field1");

-- CreateIndex
CREATE INDEX "model_5_createdAt_idx" ON "model_5"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "model_5_field0_field1_key" ON "model_5"("field0", "field1");

-- CreateIndex
CREATE INDEX "model_6_createdAt_idx" ON "model_6"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "model_6_field0_field1_key" ON "model_6"("field0", "field1");

-- CreateIndex
CREATE INDEX "model_7_createdAt_idx" ON "model_7"("createdAt");

-- CreateIndex
CREATE INDEX "model_7_field18_status_idx" ON "model_7"("field18", "status");

-- CreateIndex
CREATE UNIQUE INDEX "model_7_field0_field1_key" ON "model_7"("field0", "field1");

-- CreateIndex
CREATE INDEX "model_8_createdAt_idx" ON "model_8"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "model_8_field0_field1_key" ON "model_8"("field0", "field1");

-- CreateIndex
CREATE INDEX "model_9_createdAt_idx" ON "model_9"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "model_9_field0_field1_key" ON "model_9"("field0", "field1");

-- CreateIndex
CREATE INDEX "model_10_createdAt_idx" ON "model_10"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "model_10_field0_field1_key" ON "model_10"("field0", "field1");

-- CreateIndex
CREATE INDEX "model_11_createdAt_idx" ON "model_11"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "model_11_field0_field1_key" ON "model_11"("field0", "field1");

-- CreateIndex
CREATE INDEX "model_12_createdAt_idx" ON "model_12"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "model_12_field0_field1_key" ON "model_12"("field0", "field1");

-- CreateIndex
CREATE INDEX "model_13_createdAt_idx" ON "model_13"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "model_13_field0_field1_key" ON "model_13"("field0", "field1");

-- CreateIndex
CREATE INDEX "model_14_createdAt_idx" ON "model_14"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "model_14_field0_field1_key" ON "model_14"("field0", "field1");

-- CreateIndex
CREATE INDEX "model_15_createdAt_idx" ON "model_15"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "model_15_field0_field1_key" ON "model_15"("field0", "field1");

-- CreateIndex
CREATE INDEX "model_16_createdAt_idx" ON "model_16"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "model_16_field0_field1_key" ON "model_16"("field0", "field1");

-- CreateIndex
CREATE INDEX "model_17_createdAt_idx" ON "model_17"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "model_17_field0_field1_key" ON "model_17"("field0", "field1");

-- CreateIndex
CREATE INDEX "model_18_createdAt_idx" ON "model_18"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "model_18_field0_field1_key" ON "model_18"("field0", "field1");

-- CreateIndex
CREATE INDEX "model_19_createdAt_idx" ON "model_19"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "model_19_field0_field1_key" ON "model_19"("field0", "field1");

-- CreateIndex
CREATE INDEX "model_20_createdAt_idx" ON "model_20"("createdAt");

-- CreateIndex
CREATE INDEX "model_20_field16_status_idx" ON "model_20"("field16", "status");

-- CreateIndex
CREATE UNIQUE INDEX "model_20_field0_field1_key" ON "model_20"("field0", "field1");

-- CreateIndex
CREATE INDEX "model_21_createdAt_idx" ON "model_21"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "model_21_field0_field1_key" ON "model_21"("field0", "field1");

-- CreateIndex
CREATE INDEX "model_22_createdAt_idx" ON "model_22"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "model_22_field0_field1_key" ON "model_22"("field0", "field1");

-- CreateIndex
CREATE INDEX "model_23_createdAt_idx" ON "model_23"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "model_23_field0_field1_key" ON "model_23"("field0", "field1");

-- CreateIndex
CREATE INDEX "model_24_createdAt_idx" ON "model_24"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "model_24_field0_field1_key" ON "model_24"("field0", "field1");

-- CreateIndex
CREATE INDEX "model_25_createdAt_idx" ON "model_25"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "model_25_field0_field1_key" ON "model_25"("field0", "field1");

-- CreateIndex
CREATE INDEX "model_26_createdAt_idx" ON "model_26"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "model_26_field0_field1_key" ON "model_26"("field0", "field1");

-- CreateIndex
CREATE INDEX "model_27_createdAt_idx" ON "model_27"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "model_27_field0_field1_key" ON "model_27"("field0", "field1");

-- CreateIndex
CREATE INDEX "model_28_createdAt_idx" ON "model_28"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "model_28_field0_field1_key" ON "model_28"("field0", "field1");

-- CreateIndex
CREATE INDEX "model_29_createdAt_idx" ON "model_29"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "model_29_field0_field1_key" ON "model_29"("field0", "field1");

-- CreateIndex
CREATE INDEX "model_30_createdAt_idx" ON "model_30"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "model_30_field0_field1_key" ON "model_30"("field0", "field1");

-- CreateIndex
CREATE INDEX "model_31_createdAt_idx" ON "model_31"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "model_31_field0_field1_key" ON "model_31"("field0", "field1");

-- CreateIndex
CREATE INDEX "model_32_createdAt_idx" ON "model_32"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "model_32_field0_field1_key" ON "model_32"("field0", "field1");

-- CreateIndex
CREATE INDEX "model_33_createdAt_idx" ON "model_33"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "model_33_field0_field1_key" ON "model_33"("field0", "field1");

-- CreateIndex
CREATE INDEX "model_34_createdAt_idx" ON "model_34"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "model_34_field0_field1_key" ON "model_34"("field0", "field1");

-- CreateIndex
CREATE INDEX "model_35_createdAt_idx" ON "model_35"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "model_35_field0_field1_key" ON "model_35"("field0", "field1");

-- CreateIndex
CREATE INDEX "model_36_createdAt_idx" ON "model_36"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "model_36_field0_field1_key" ON "model_36"("field0", "field1");

-- CreateIndex
CREATE INDEX "model_37_createdAt_idx" ON "model_37"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "model_37_field0_field1_key" ON "model_37"("field0", "field1");

-- CreateIndex
CREATE INDEX "model_38_createdAt_idx" ON "model_38"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "model_38_field0_field1_key" ON "model_38"("field0", "field1");

-- CreateIndex
CREATE INDEX "model_39_createdAt_idx" ON "model_39"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "model_39_field0_field1_key" ON "model_39"("field0", "field1");

-- CreateIndex
CREATE INDEX "model_40_createdAt_idx" ON "model_40"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "model_40_field0_field1_key" ON "model_40"("field0", "field1");

-- CreateIndex
CREATE INDEX "model_41_createdAt_idx" ON "model_41"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "model_41_field0_field1_key" ON "model_41"("field0", "field1");

-- CreateIndex
CREATE INDEX "model_42_createdAt_idx" ON "model_42"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "model_42_field0_field1_key" ON "model_42"("field0", "field1");

-- CreateIndex
CREATE INDEX "model_43_createdAt_idx" ON "model_43"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "model_43_field0_field1_key" ON "model_43"("field0", "field1");

-- CreateIndex
CREATE INDEX "model_44_createdAt_idx" ON "model_44"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "model_44_field0_field1_key" ON "model_44"("field0", "field1");

-- CreateIndex
CREATE INDEX "model_45_createdAt_idx" ON "model_45"("createdAt");

-- CreateIndex
CREATE INDEX "model_45_field22_status_idx" ON "model_45"("field22", "status");

-- CreateIndex
CREATE UNIQUE INDEX "model_45_field0_field1_key" ON "model_45"("field0", "field1");

-- CreateIndex
CREATE INDEX "model_46_createdAt_idx" ON "model_46"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "model_46_field0_field1_key" ON "model_46"("field0", "field1");

-- CreateIndex
CREATE INDEX "model_47_createdAt_idx" ON "model_47"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "model_47_field0_field1_key" ON "model_47"("field0", "field1");

-- CreateIndex
CREATE INDEX "model_48_createdAt_idx" ON "model_48"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "model_48_field0_field1_key" ON "model_48"("field0", "field1");

-- CreateIndex
CREATE INDEX "model_49_createdAt_idx" ON "model_49"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "model_49_field0_field1_key" ON "model_49"("field0", "field1");

-- CreateIndex
CREATE INDEX "model_50_createdAt_idx" ON "model_50"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "model_50_field0_field1_key" ON "model_50"("field0", "field1");

-- CreateIndex
CREATE INDEX "model_51_createdAt_idx" ON "model_51"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "model_51_field0_field1_key" ON "model_51"("field0", "field1");

-- CreateIndex
CREATE INDEX "model_52_createdAt_idx" ON "model_52"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "model_52_field0_field1_key" ON "model_52"("field0", "field1");

-- CreateIndex
CREATE INDEX "model_53_createdAt_idx" ON "model_53"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "model_53_field0_field1_key" ON "model_53"("field0", "field1");

-- CreateIndex
CREATE INDEX "model_54_createdAt_idx" ON "model_54"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "model_54_field0_field1_key" ON "model_54"("field0", "field1");

-- CreateIndex
CREATE INDEX "model_55_createdAt_idx" ON "model_55"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "model_55_field0_field1_key" ON "model_55"("field0", "field1");

-- CreateIndex
CREATE INDEX "model_56_createdAt_idx" ON "model_56"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "model_56_field0_field1_key" ON "model_56"("field0", "field1");

-- CreateIndex
CREATE INDEX "model_57_createdAt_idx" ON "model_57"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "model_57_field0_field1_key" ON "model_57"("field0", "field1");

-- CreateIndex
CREATE INDEX "model_58_createdAt_idx" ON "model_58"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "model_58_field0_field1_key" ON "model_58"("field0", "field1");

-- CreateIndex
CREATE INDEX "model_59_createdAt_idx" ON "model_59"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "model_59_field0_field1_key" ON "model_59"("field0", "field1");

-- AddForeignKey
ALTER TABLE "model_1" ADD CONSTRAINT "model_1_model0Id_fkey" FOREIGN KEY ("model0Id") REFERENCES "model_0"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "model_3" ADD CONSTRAINT "model_3_model0Id_fkey" FOREIGN KEY ("model0Id") REFERENCES "model_0"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "model_4" ADD CONSTRAINT "model_4_model0Id_fkey" FOREIGN KEY ("model0Id") REFERENCES "model_0"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "model_5" ADD CONSTRAINT "model_5_model3Id_fkey" FOREIGN KEY ("model3Id") REFERENCES "model_3"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "model_8" ADD CONSTRAINT "model_8_model0Id_fkey" FOREIGN KEY ("model0Id") REFERENCES "model_0"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "model_9" ADD CONSTRAINT "model_9_model5Id_fkey" FOREIGN KEY ("model5Id") REFERENCES "model_5"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "model_10" ADD CONSTRAINT "model_10_model4Id_fkey" FOREIGN KEY ("model4Id") REFERENCES "model_4"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "model_10" ADD CONSTRAINT "model_10_model6Id_fkey" FOREIGN KEY ("model6Id") REFERENCES "model_6"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "model_11" ADD CONSTRAINT "model_11_model1Id_fkey" FOREIGN KEY ("model1Id") REFERENCES "model_1"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "model_11" ADD CONSTRAINT "model_11_model4Id_fkey" FOREIGN KEY ("model4Id") REFERENCES "model_4"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "model_12" ADD CONSTRAINT "model_12_model3Id_fkey" FOREIGN KEY ("model3Id") REFERENCES "model_3"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "model_13" ADD CONSTRAINT "model_13_model7Id_fkey" FOREIGN KEY ("model7Id") REFERENCES "model_7"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "model_14" ADD CONSTRAINT "model_14_model4Id_fkey" FOREIGN KEY ("model4Id") REFERENCES "model_4"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "model_14" ADD CONSTRAINT "model_14_model10Id_fkey" FOREIGN KEY ("model10Id") REFERENCES "model_10"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "model_16" ADD CONSTRAINT "model_16_model6Id_fkey" FOREIGN KEY ("model6Id") REFERENCES "model_6"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "model_17" ADD CONSTRAINT "model_17_model5Id_fkey" FOREIGN KEY ("model5Id") REFERENCES "model_5"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "model_18" ADD CONSTRAINT "model_18_model10Id_fkey" FOREIGN KEY ("model10Id") REFERENCES "model_10"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "model_19" ADD CONSTRAINT "model_19_model1Id_fkey" FOREIGN KEY ("model1Id") REFERENCES "model_1"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "model_19" ADD CONSTRAINT "model_19_model8Id_fkey" FOREIGN KEY ("model8Id") REFERENCES "model_8"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "model_21" ADD CONSTRAINT "model_21_model16Id_fkey" FOREIGN KEY ("model16Id") REFERENCES "model_16"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "model_22" ADD CONSTRAINT "model_22_model0Id_fkey" FOREIGN KEY ("model0Id") REFERENCES "model_0"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "model_22" ADD CONSTRAINT "model_22_model2Id_fkey" FOREIGN KEY ("model2Id") REFERENCES "model_2"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "model_24" ADD CONSTRAINT "model_24_model11Id_fkey" FOREIGN KEY ("model11Id") REFERENCES "model_11"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "model_25" ADD CONSTRAINT "model_25_model2Id_fkey" FOREIGN KEY ("model2Id") REFERENCES "model_2"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "model_26" ADD CONSTRAINT "model_26_model7Id_fkey" FOREIGN KEY ("model7Id") REFERENCES "model_7"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "model_27" ADD CONSTRAINT "model_27_model0Id_fkey" FOREIGN KEY ("model0Id") REFERENCES "model_0"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "model_27" ADD CONSTRAINT "model_27_model4Id_fkey" FOREIGN KEY ("model4Id") REFERENCES "model_4"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "model_28" ADD CONSTRAINT "model_28_model14Id_fkey" FOREIGN KEY ("model14Id") REFERENCES "model_14"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "model_30" ADD CONSTRAINT "model_30_model2Id_fkey" FOREIGN KEY ("model2Id") REFERENCES "model_2"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "model_30" ADD CONSTRAINT "model_30_model19Id_fkey" FOREIGN KEY ("model19Id") REFERENCES "model_19"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "model_31" ADD CONSTRAINT "model_31_model12Id_fkey" FOREIGN KEY ("model12Id") REFERENCES "model_12"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "model_31" ADD CONSTRAINT "model_31_model23Id_fkey" FOREIGN KEY ("model23Id") REFERENCES "model_23"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "model_34" ADD CONSTRAINT "model_34_model1Id_fkey" FOREIGN KEY ("model1Id") REFERENCES "model_1"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "model_34" ADD CONSTRAINT "model_34_model15Id_fkey" FOREIGN KEY ("model15Id") REFERENCES "model_15"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "model_36" ADD CONSTRAINT "model_36_model6Id_fkey" FOREIGN KEY ("model6Id") REFERENCES "model_6"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "model_37" ADD CONSTRAINT "model_37_model19Id_fkey" FOREIGN KEY ("model19Id") REFERENCES "model_19"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "model_38" ADD CONSTRAINT "model_38_model31Id_fkey" FOREIGN KEY ("model31Id") REFERENCES "model_31"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "model_39" ADD CONSTRAINT "model_39_model26Id_fkey" FOREIGN KEY ("model26Id") REFERENCES "model_26"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "model_42" ADD CONSTRAINT "model_42_model29Id_fkey" FOREIGN KEY ("model29Id") REFERENCES "model_29"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "model_43" ADD CONSTRAINT "model_43_model22Id_fkey" FOREIGN KEY ("model22Id") REFERENCES "model_22"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "model_43" ADD CONSTRAINT "model_43_model36Id_fkey" FOREIGN KEY ("model36Id") REFERENCES "model_36"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "model_44" ADD CONSTRAINT "model_44_model24Id_fkey" FOREIGN KEY ("model24Id") REFERENCES "model_24"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "model_46" ADD CONSTRAINT "model_46_model6Id_fkey" FOREIGN KEY ("model6Id") REFERENCES "model_6"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "model_47" ADD CONSTRAINT "model_47_model2Id_fkey" FOREIGN KEY ("model2Id") REFERENCES "model_2"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "model_47" ADD CONSTRAINT "model_47_model22Id_fkey" FOREIGN KEY ("model22Id") REFERENCES "model_22"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "model_48" ADD CONSTRAINT "model_48_model13Id_fkey" FOREIGN KEY ("model13Id") REFERENCES "model_13"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "model_49" ADD CONSTRAINT "model_49_model19Id_fkey" FOREIGN KEY ("model19Id") REFERENCES "model_19"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "model_50" ADD CONSTRAINT "model_50_model40Id_fkey" FOREIGN KEY ("model40Id") REFERENCES "model_40"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "model_51" ADD CONSTRAINT "model_51_model21Id_fkey" FOREIGN KEY ("model21Id") REFERENCES "model_21"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "model_51" ADD CONSTRAINT "model_51_model32Id_fkey" FOREIGN KEY ("model32Id") REFERENCES "model_32"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "model_52" ADD CONSTRAINT "model_52_model16Id_fkey" FOREIGN KEY ("model16Id") REFERENCES "model_16"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "model_52" ADD CONSTRAINT "model_52_model28Id_fkey" FOREIGN KEY ("model28Id") REFERENCES "model_28"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "model_54" ADD CONSTRAINT "model_54_model9Id_fkey" FOREIGN KEY ("model9Id") REFERENCES "model_9"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "model_54" ADD CONSTRAINT "model_54_model37Id_fkey" FOREIGN KEY ("model37Id") REFERENCES "model_37"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "model_55" ADD CONSTRAINT "model_55_model36Id_fkey" FOREIGN KEY ("model36Id") REFERENCES "model_36"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "model_56" ADD CONSTRAINT "model_56_model37Id_fkey" FOREIGN KEY ("model37Id") REFERENCES "model_37"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "model_56" ADD CONSTRAINT "model_56_model48Id_fkey" FOREIGN KEY ("model48Id") REFERENCES "model_48"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "model_57" ADD CONSTRAINT "model_57_model3Id_fkey" FOREIGN KEY ("model3Id") REFERENCES "model_3"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "model_57" ADD CONSTRAINT "model_57_model21Id_fkey" FOREIGN KEY ("model21Id") REFERENCES "model_21"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "model_58" ADD CONSTRAINT "model_58_model50Id_fkey" FOREIGN KEY ("model50Id") REFERENCES "model_50"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "model_59" ADD CONSTRAINT "model_59_model35Id_fkey" FOREIGN KEY ("model35Id") REFERENCES "model_35"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "model_59" ADD CONSTRAINT "model_59_model39Id_fkey" FOREIGN KEY ("model39Id") REFERENCES "model_39"("id") ON DELETE SET NULL ON UPDATE CASCADE;

