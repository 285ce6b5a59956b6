-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "Gist" (
    "id" INTEGER NOT NULL,
    "inet" INET NOT NULL,

    CONSTRAINT "Gist_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Gin" (
    "id" INTEGER NOT NULL,
    "data" JSONB NOT NULL,
    "binary" JSONB NOT NULL,
    "tags" TEXT[],
    "nums" INTEGER[],

    CONSTRAINT "Gin_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SpGist" (
    "id" INTEGER NOT NULL,
    "inet" INET NOT NULL,
    "text" VARCHAR(20) NOT NULL,
    "plain" TEXT NOT NULL,

    CONSTRAINT "SpGist_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Brin" (
    "id" INTEGER NOT NULL,
    "bit" BIT(8) NOT NULL,
    "varbit" VARBIT(8) NOT NULL,
    "bpchar" CHAR(4) NOT NULL,
    "bytea" BYTEA NOT NULL,
    "date" DATE NOT NULL,
    "float4" REAL NOT NULL,
    "float8" DOUBLE PRECISION NOT NULL,
    "inet" INET NOT NULL,
    "int2" SMALLINT NOT NULL,
    "int4" INTEGER NOT NULL,
    "int8" BIGINT NOT NULL,
    "numeric" DECIMAL(65,30) NOT NULL,
    "oid" OID NOT NULL,
    "text" TEXT NOT NULL,
    "timestamp" TIMESTAMP(3) NOT NULL,
    "timestamptz" TIMESTAMPTZ(3) NOT NULL,
    "time" TIME(3) NOT NULL,
    "timetz" TIMETZ(3) NOT NULL,
    "uuid" UUID NOT NULL,

    CONSTRAINT "Brin_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Gist_inet_idx" ON "Gist" USING GIST ("inet" inet_ops);

-- CreateIndex
CREATE INDEX "Gin_data_idx" ON "Gin" USING GIN ("data" jsonb_ops);

-- CreateIndex
CREATE INDEX "Gin_binary_idx" ON "Gin" USING GIN ("binary" jsonb_path_ops);

-- CreateIndex
CREATE INDEX "Gin_tags_idx" ON "Gin" USING GIN ("tags" array_ops);

-- CreateIndex
CREATE INDEX "Gin_nums_idx" ON "Gin" USING GIN ("nums");

-- CreateIndex
CREATE INDEX "SpGist_inet_idx" ON "SpGist" USING SPGIST ("inet" inet_ops);

-- CreateIndex
CREATE INDEX "SpGist_text_idx" ON "SpGist" USING SPGIST ("text" text_ops);

-- CreateIndex
CREATE INDEX "SpGist_plain_idx" ON "SpGist" USING SPGIST ("plain");

-- CreateIndex
CREATE INDEX "Brin_bit_idx" ON "Brin" USING BRIN ("bit" bit_minmax_ops);

-- CreateIndex
CREATE INDEX "Brin_varbit_idx" ON "Brin" USING BRIN ("varbit" varbit_minmax_ops);

-- CreateIndex
CREATE INDEX "bpchar_bloom" ON "Brin" USING BRIN ("bpchar" bpchar_bloom_ops);

-- CreateIndex
CREATE INDEX "bpchar_minmax" ON "Brin" USING BRIN ("bpchar" bpchar_minmax_ops);

-- CreateIndex
CREATE INDEX "bytea_bloom" ON "Brin" USING BRIN ("bytea" bytea_bloom_ops);

-- CreateIndex
CREATE INDEX "bytea_minmax" ON "Brin" USING BRIN ("bytea" bytea_minmax_ops);

-- CreateIndex
CREATE INDEX "date_bloom" ON "Brin" USING BRIN ("date" date_bloom_ops);

-- CreateIndex
CREATE INDEX "date_minmax" ON "Brin" USING BRIN ("date" date_minmax_ops);

-- CreateIndex
CREATE INDEX "date_minmax_multi" ON "Brin" USING BRIN ("date" date_minmax_multi_ops);

-- CreateIndex
CREATE INDEX "float4_bloom" ON "Brin" USING BRIN ("float4" float4_bloom_ops);

-- CreateIndex
CREATE INDEX "float4_minmax" ON "Brin" USING BRIN ("float4" float4_minmax_ops);

-- CreateIndex
CREATE INDEX "float4_minmax_multi" ON "Brin" USING BRIN ("float4" float4_minmax_multi_ops);

-- CreateIndex
CREATE INDEX "float8_bloom" ON "Brin" USING BRIN ("float8" float8_bloom_ops);

-- CreateIndex
CREATE INDEX "float8_minmax" ON "Brin" USING BRIN ("float8" float8_minmax_ops);

-- CreateIndex
CREATE INDEX "float8_minmax_multi" ON "Brin" USING BRIN ("float8" float8_minmax_multi_ops);

-- CreateIndex
CREATE INDEX "inet_inclusion" ON "Brin" USING BRIN ("inet" inet_inclusion_ops);

-- CreateIndex
CREATE INDEX "inet_bloom" ON "Brin" USING BRIN ("inet" inet_bloom_ops);

-- CreateIndex
CREATE INDEX "inet_minmax" ON "Brin" USING BRIN ("inet" inet_minmax_ops);

-- CreateIndex
CREATE INDEX "inet_minmax_multi" ON "Brin" USING BRIN ("inet" inet_minmax_multi_ops);

-- CreateIndex
CREATE INDEX "int2_bloom" ON "Brin" USING BRIN ("int2" int2_bloom_ops);

-- CreateIndex
CREATE INDEX "int2_minmax" ON "Brin" USING BRIN ("int2" int2_minmax_ops);

-- CreateIndex
CREATE INDEX "int2_minmax_multi" ON "Brin" USING BRIN ("int2" int2_minmax_multi_ops);

-- CreateIndex
CREATE INDEX "int4_bloom" ON "Brin" USING BRIN ("int4" int4_bloom_ops);

-- CreateIndex
CREATE INDEX "int4_minmax" ON "Brin" USING BRIN ("int4" int4_minmax_ops);

-- CreateIndex
CREATE INDEX "int4_minmax_multi" ON "Brin" USING BRIN ("int4" int4_minmax_multi_ops);

-- CreateIndex
CREATE INDEX "int8_bloom" ON "Brin" USING BRIN ("int8" int8_bloom_ops);

-- CreateIndex
CREATE INDEX "int8_minmax" ON "Brin" USING BRIN ("int8" int8_minmax_ops);

-- CreateIndex
CREATE INDEX "int8_minmax_multi" ON "Brin" USING BRIN ("int8" int8_minmax_multi_ops);

-- CreateIndex
CREATE INDEX "numeric_bloom" ON "Brin" USING BRIN ("numeric" numeric_bloom_ops);

-- CreateIndex
CREATE INDEX "numeric_minmax" ON "Brin" USING BRIN ("numeric" numeric_minmax_ops);

-- CreateIndex
CREATE INDEX "numeric_minmax_multi" ON "Brin" USING BRIN ("numeric" numeric_minmax_multi_ops);

-- CreateIndex
CREATE INDEX "oid_bloom" ON "Brin" USING BRIN ("oid" oid_bloom_ops);

-- CreateIndex
CREATE INDEX "oid_minmax" ON "Brin" USING BRIN ("oid" oid_minmax_ops);

-- CreateIndex
CREATE INDEX "oid_minmax_multi" ON "Brin" USING BRIN ("oid" oid_minmax_multi_ops);

-- CreateIndex
CREATE INDEX "text_bloom" ON "Brin" USING BRIN ("text" text_bloom_ops);

-- CreateIndex
CREATE INDEX "text_minmax" ON "Brin" USING BRIN ("text" text_minmax_ops);

-- CreateIndex
CREATE INDEX "timestamp_bloom" ON "Brin" USING BRIN ("timestamp" timestamp_bloom_ops);

-- CreateIndex
CREATE INDEX "timestamp_minmax" ON "Brin" USING BRIN ("timestamp" timestamp_minmax_ops);

-- CreateIndex
CREATE INDEX "timestamp_minmax_multi" ON "Brin" USING BRIN ("timestamp" timestamp_minmax_multi_ops);

-- CreateIndex
CREATE INDEX "timestamptz_bloom" ON "Brin" USING BRIN ("timestamptz" timestamptz_bloom_ops);

-- CreateIndex
CREATE INDEX "timestamptz_minmax" ON "Brin" USING BRIN ("timestamptz" timestamptz_minmax_ops);

-- CreateIndex
CREATE INDEX "timestamptz_minmax_multi" ON "Brin" USING BRIN ("timestamptz" timestamptz_minmax_multi_ops);

-- CreateIndex
CREATE INDEX "time_bloom" ON "Brin" USING BRIN ("time" time_bloom_ops);

-- CreateIndex
CREATE INDEX "time_minmax" ON "Brin" USING BRIN ("time" time_minmax_ops);

-- CreateIndex
CREATE INDEX "time_minmax_multi" ON "Brin" USING BRIN ("time" time_minmax_multi_ops);

-- CreateIndex
CREATE INDEX "timetz_bloom" ON "Brin" USING BRIN ("timetz" timetz_bloom_ops);

-- CreateIndex
CREATE INDEX "timetz_minmax" ON "Brin" USING BRIN ("timetz" timetz_minmax_ops);

-- CreateIndex
CREATE INDEX "timetz_minmax_multi" ON "Brin" USING BRIN ("timetz" timetz_minmax_multi_ops);

-- CreateIndex
CREATE INDEX "uuid_bloom" ON "Brin" USING BRIN ("uuid" uuid_bloom_ops);

-- CreateIndex
CREATE INDEX "uuid_minmax" ON "Brin" USING BRIN ("uuid" uuid_minmax_ops);

-- CreateIndex
CREATE INDEX "uuid_minmax_multi" ON "Brin" USING BRIN ("uuid" uuid_minmax_multi_ops);

-- CreateIndex
CREATE INDEX "brin_defaults" ON "Brin" USING BRIN ("float8", "int4", "text", "timestamp");

