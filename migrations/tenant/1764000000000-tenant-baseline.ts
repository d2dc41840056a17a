import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The schema of every tenant database: the documents reconciliation works on (shaped by the
 * canonical CSV columns) and the tenant's append-only audit log. Money is integer minor units
 * (bigint) with its currency; quantities and unit prices are exact numerics.
 */
export class TenantBaseline1764000000000 implements MigrationInterface {
  name = 'TenantBaseline1764000000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE vendors (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        normalized_name text NOT NULL,
        tax_id text,
        confirmed_bank_account text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query('CREATE UNIQUE INDEX vendors_tax_id_key ON vendors (tax_id) WHERE tax_id IS NOT NULL');
    await runner.query('CREATE INDEX vendors_normalized_name_idx ON vendors (normalized_name)');
    await runner.query(`
      CREATE TABLE purchase_orders (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        po_number text NOT NULL,
        normalized_po_number text NOT NULL,
        vendor_id uuid NOT NULL REFERENCES vendors (id),
        order_date date NOT NULL,
        currency char(3) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (vendor_id, normalized_po_number)
      )`);
    await runner.query(
      'CREATE INDEX purchase_orders_normalized_po_number_idx ON purchase_orders (normalized_po_number)',
    );
    await runner.query(`
      CREATE TABLE purchase_order_lines (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        purchase_order_id uuid NOT NULL REFERENCES purchase_orders (id) ON DELETE CASCADE,
        line_number integer NOT NULL CHECK (line_number > 0),
        sku text,
        description text NOT NULL DEFAULT '',
        quantity numeric(18, 4) NOT NULL,
        unit_price numeric(20, 6) NOT NULL,
        line_amount_minor bigint NOT NULL,
        invoiced_quantity numeric(18, 4) NOT NULL DEFAULT 0,
        UNIQUE (purchase_order_id, line_number)
      )`);
    await runner.query(`
      CREATE TABLE goods_receipts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        receipt_number text NOT NULL,
        purchase_order_id uuid NOT NULL REFERENCES purchase_orders (id),
        receipt_date date NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (purchase_order_id, receipt_number)
      )`);
    await runner.query(`
      CREATE TABLE goods_receipt_lines (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        goods_receipt_id uuid NOT NULL REFERENCES goods_receipts (id) ON DELETE CASCADE,
        po_line_number integer NOT NULL,
        sku text,
        quantity_received numeric(18, 4) NOT NULL
      )`);
    await runner.query(`
      CREATE TABLE invoices (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        invoice_number text NOT NULL,
        normalized_invoice_number text NOT NULL,
        kind text NOT NULL DEFAULT 'invoice' CHECK (kind IN ('invoice', 'credit_note')),
        vendor_id uuid REFERENCES vendors (id),
        vendor_name text NOT NULL,
        vendor_tax_id text,
        invoice_date date NOT NULL,
        currency char(3) NOT NULL,
        tax_amount_minor bigint NOT NULL DEFAULT 0,
        total_amount_minor bigint NOT NULL,
        payee_account text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query('CREATE INDEX invoices_normalized_number_idx ON invoices (normalized_invoice_number)');
    await runner.query(`
      CREATE TABLE invoice_lines (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        invoice_id uuid NOT NULL REFERENCES invoices (id) ON DELETE CASCADE,
        line_number integer NOT NULL,
        po_number text,
        po_line_number integer,
        sku text,
        description text NOT NULL DEFAULT '',
        quantity numeric(18, 4) NOT NULL,
        unit_price numeric(20, 6) NOT NULL,
        line_amount_minor bigint NOT NULL,
        tax_amount_minor bigint NOT NULL DEFAULT 0,
        UNIQUE (invoice_id, line_number)
      )`);
    await runner.query(`
      CREATE TABLE audit_events (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        occurred_at timestamptz NOT NULL DEFAULT now(),
        action text NOT NULL,
        outcome text NOT NULL CHECK (outcome IN ('success', 'failure', 'denied')),
        actor_type text NOT NULL,
        actor_id text,
        target_type text,
        target_id text,
        request_id text,
        ip text,
        details jsonb NOT NULL DEFAULT '{}'::jsonb
      )`);
    await runner.query('CREATE INDEX audit_events_occurred_at_idx ON audit_events (occurred_at)');
    await runner.query(`
      CREATE FUNCTION forbid_audit_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit events are append-only';
      END $$`);
    await runner.query(`
      CREATE TRIGGER audit_events_append_only
      BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_events
      FOR EACH STATEMENT EXECUTE FUNCTION forbid_audit_change()`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE audit_events');
    await runner.query('DROP TABLE invoice_lines');
    await runner.query('DROP TABLE invoices');
    await runner.query('DROP TABLE goods_receipt_lines');
    await runner.query('DROP TABLE goods_receipts');
    await runner.query('DROP TABLE purchase_order_lines');
    await runner.query('DROP TABLE purchase_orders');
    await runner.query('DROP TABLE vendors');
    await runner.query('DROP FUNCTION forbid_audit_change()');
  }
}
